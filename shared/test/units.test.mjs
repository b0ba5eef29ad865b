import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canonicalUnit, dimensionOf, fromBase, parseQuantity, spanMatches, toBase } from '../dist/units.js'

test('units are read as people write them', () => {
  for (const [written, canonical] of [
    ['kPa', 'kPa'],
    ['KPA', 'kPa'],
    ['千帕', 'kPa'],
    ['MPa', 'MPa'],
    ['°C', '℃'],
    ['℃', '℃'],
    ['μA', 'uA'],
    ['m3/h', 'm³/h'],
    ['Nm', 'N·m'],
    ['公斤', 'kg'],
  ]) {
    assert.equal(canonicalUnit(written), canonical, written)
  }
  assert.equal(canonicalUnit('furlong'), null)
  assert.equal(dimensionOf('psi'), 'pressure')
})

test('values convert through the base unit of their dimension', () => {
  assert.equal(toBase(1.6, 'MPa'), 1600)
  assert.equal(toBase(10, 'bar'), 1000)
  assert.equal(Math.round(toBase(145.038, 'psi')), 1000) // 1 MPa ≈ 145.038 psi
  assert.equal(toBase(0, 'K'), -273.15)
  assert.equal(toBase(212, '℉'), 100)
  assert.equal(toBase(0.5, 't'), 500)
  assert.equal(fromBase(1000, 'bar'), 10)
  assert.equal(fromBase(100, '℉'), 212)
  assert.equal(toBase(0.1 * 3, 'mm'), 0.3)
})

test('quantities and spans are parsed into base units', () => {
  assert.deepEqual(parseQuantity('10bar'), { dimension: 'pressure', min: 1000, max: 1000 })
  assert.deepEqual(parseQuantity('0-1.6MPa'), { dimension: 'pressure', min: 0, max: 1600 })
  assert.deepEqual(parseQuantity('-40~125℃'), { dimension: 'temperature', min: -40, max: 125 })
  assert.deepEqual(parseQuantity('4-20mA'), { dimension: 'current', min: 4, max: 20 })
  assert.deepEqual(parseQuantity('0 MPa - 10 bar'), { dimension: 'pressure', min: 0, max: 1000 })
  assert.deepEqual(parseQuantity('500kg'), { dimension: 'mass', min: 500, max: 500 })
  assert.deepEqual(parseQuantity('100A'), { dimension: 'current', min: 100000, max: 100000 })
  for (const text of ['RS485', 'M18', 'IP67', 'PNP', '10', 'abc', '1-2kPa-3', '0MPa-10mA']) {
    assert.equal(parseQuantity(text), null, text)
  }
})

test('a product span matches a value it covers and a span it overlaps', () => {
  const product = parseQuantity('0-1.6MPa')
  assert.equal(spanMatches(product, parseQuantity('10bar')), true)
  assert.equal(spanMatches(product, parseQuantity('20bar')), false)
  assert.equal(spanMatches(product, parseQuantity('1.5-3MPa')), true)
  assert.equal(spanMatches(product, parseQuantity('2-3MPa')), false)
})

test('± spans, units read within a dimension, and gas concentrations', () => {
  assert.deepEqual(parseQuantity('±16g', 'acceleration'), { dimension: 'acceleration', min: -16, max: 16 })
  assert.equal(parseQuantity('±16g')?.dimension, 'mass') // without a dimension, g is a gram
  assert.deepEqual(parseQuantity('+/-2 G', 'acceleration'), { dimension: 'acceleration', min: -2, max: 2 })
  assert.deepEqual(parseQuantity('0-5%VOL'), { dimension: 'concentration', min: 0, max: 50000 })
  assert.deepEqual(parseQuantity('0~1000ppm'), { dimension: 'concentration', min: 0, max: 1000 })
  assert.equal(canonicalUnit('g', 'mass'), 'g')
  assert.equal(toBase(2, 'g', 'acceleration'), 2)
  assert.equal(parseQuantity('0-16g', 'pressure')?.dimension, 'mass') // the caller refuses a wrong dimension
})
