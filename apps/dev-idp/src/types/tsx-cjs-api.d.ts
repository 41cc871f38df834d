// tsx publishes these types behind package "exports", which our node10 module resolution ignores.
declare module 'tsx/cjs/api' {
  export function require(id: string, fromFile: string): unknown;
}
