import { Controller, Get, Header } from '@nestjs/common'
import { JSON_TYPE } from '../common/json-body'
import { buildOpenApiDocument } from './openapi'

const VERSION = process.env.npm_package_version ?? '0.1.0'

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Chuangan API · swagger</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`

// A separate file, not an inline script: the pages are served with CSP script-src 'self'.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true })\n`

/** OpenAPI generated from the shared contract, and Swagger UI (swagger-ui-dist) to browse it. */
@Controller()
export class DocsController {
  private document?: string

  @Get('docs-json')
  @Header('content-type', JSON_TYPE)
  json(): string {
    this.document ??= JSON.stringify(buildOpenApiDocument(VERSION))
    return this.document
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE
  }

  @Get('docs/init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  init(): string {
    return INIT
  }
}
