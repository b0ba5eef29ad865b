import { defineErrors } from './define'

/** File uploads (multipart/form-data, one image in a named field). */
export const UploadErrors = defineErrors({
  UPLOAD_WRONG_FIELD: { status: 400, message: '文件应放在表单字段 {field} 中' },
  UPLOAD_FILE_MISSING: { status: 400, message: '请选择要上传的文件' },
  UPLOAD_FILE_EMPTY: { status: 400, message: '文件是空的' },
  /** Judged by the file's bytes, never by its name or declared type. */
  UPLOAD_TYPE_UNSUPPORTED: { status: 415, message: '只支持 JPEG、PNG 或 WebP 图片' },
  UPLOAD_NOT_MULTIPART: { status: 415, message: '请以 multipart/form-data 上传文件' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件不能超过 {size}' },
  UPLOAD_TOO_MANY_PARTS: { status: 413, message: '一次只能上传一个文件' },
  /** The multipart body could not be read (no boundary, cut short, …). */
  UPLOAD_MALFORMED: { status: 400, message: '上传的表单数据不完整或格式有误' },
})
