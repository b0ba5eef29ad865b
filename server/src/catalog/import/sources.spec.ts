import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { csvRowToRecord, unknownColumns } from './csv-record'
import { JsonArrayScanner, JsonLinesScanner, readRecords, type SourceItem } from './sources'

/** Feeds a text in pieces of `size` characters, as a stream would. */
function scan(scanner: JsonArrayScanner | JsonLinesScanner, text: string, size: number): SourceItem[] {
  const out: SourceItem[] = []
  for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size), out)
  scanner.end(out)
  return out
}

describe('reading import files', () => {
  it('cuts a JSON array into records with their first lines, whatever the chunking', () => {
    const text =
      '[\n  {"model": "A-1", "note": "a, [b] {c} \\"d\\""},\n  {"model":\n "B-2"},\n  {"model": "C",},\n  7\n]\n'
    for (const size of [1, 3, 7, 1000]) {
      expect(scan(new JsonArrayScanner(), text, size)).toEqual([
        { line: 2, record: { model: 'A-1', note: 'a, [b] {c} "d"' } },
        { line: 3, record: { model: 'B-2' } },
        { line: 5, error: expect.stringContaining('not valid JSON') },
        { line: 6, record: 7 },
      ])
    }
  })

  it('reports a JSON file that is no array, or ends inside a record', () => {
    expect(scan(new JsonArrayScanner(), '{"model": "A"}', 100)).toEqual([
      { line: 1, error: 'the file must hold one JSON array of records' },
    ])
    expect(scan(new JsonArrayScanner(), '[{"model": "A"},\n{"model": ', 100)).toEqual([
      { line: 1, record: { model: 'A' } },
      { line: 2, error: 'not valid JSON: the record is not closed before the end of the file' },
    ])
    expect(scan(new JsonArrayScanner(), '[] []', 100)).toEqual([{ line: 1, error: 'text after the end of the array' }])
  })

  it('reads JSON Lines, skipping blank lines and reporting broken ones', () => {
    const text = '{"a":1}\r\n\n{broken\n{"b":2}'
    expect(scan(new JsonLinesScanner(), text, 4)).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 3, error: expect.stringContaining('not valid JSON') },
      { line: 4, record: { b: 2 } },
    ])
  })

  it('turns a CSV row into a record: numbers, booleans, price breaks, images and param: columns', () => {
    const header = [
      'supplier',
      'supplierVerified',
      'model',
      'moq',
      'priceBreaks',
      'images',
      'param:量程',
      'param:输出信号',
      'param:精度',
      'description',
    ]
    expect(
      csvRowToRecord(header, [
        '苏州某某',
        '是',
        'PT-1',
        '10',
        '1:128.5|100：99',
        'https://a/1.png|https://a/2.png',
        '0-1.6MPa',
        '4-20mA|RS485',
        '{"value":0.25,"unit":"%FS"}',
        '',
      ]),
    ).toEqual({
      supplier: '苏州某某',
      supplierVerified: true,
      model: 'PT-1',
      moq: 10,
      priceBreaks: [
        { qty: 1, price: 128.5 },
        { qty: 100, price: 99 },
      ],
      images: ['https://a/1.png', 'https://a/2.png'],
      params: { 量程: '0-1.6MPa', 输出信号: '4-20mA|RS485', 精度: { value: 0.25, unit: '%FS' } },
    })
    expect(() => csvRowToRecord(['model', 'priceBreaks'], ['X', '1=2'])).toThrow('priceBreaks: "1=2" is not qty:price')
    expect(() => csvRowToRecord(['model', 'name'], ['X'])).toThrow('the row has 1 cells, the header 2 columns')
    expect(unknownColumns(['model', 'param:量程', 'colour', 'param:'])).toEqual(['colour', 'param:'])
  })

  it('streams a CSV file with quoted cells over several lines, reporting bad rows with their lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-'))
    const file = path.join(dir, 'p.csv')
    fs.writeFileSync(
      file,
      '\ufeffmodel,name,description\nA-1,甲,"一行, 带逗号"\nB-2,乙,"两行\n说明"\n\nC-3,丙\nD-4,丁,"引号"在中间\nE-5,戊,好\nF-6,己,"没有收尾\nG-7,庚,庚\n',
    )
    const items: SourceItem[] = []
    for await (const batch of readRecords(file, 'csv')) items.push(...batch)
    expect(items).toEqual([
      { line: 2, record: { model: 'A-1', name: '甲', description: '一行, 带逗号' } },
      { line: 3, record: { model: 'B-2', name: '乙', description: '两行\n说明' } },
      { line: 6, error: 'the row has 2 cells, the header 3 columns' },
      { line: 7, record: { model: 'D-4', name: '丁', description: '"引号"在中间' } },
      { line: 8, record: { model: 'E-5', name: '戊', description: '好' } },
      // An unclosed quote takes the rest of the file with it: reported where the file ends.
      { line: 10, error: 'not a valid CSV row: Quote Not Closed' },
    ])
  })
})
