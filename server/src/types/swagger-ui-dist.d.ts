declare module 'swagger-ui-dist/absolute-path.js' {
  /** The folder holding Swagger UI's built assets. */
  function getAbsoluteFSPath(): string
  export = getAbsoluteFSPath
}
