// The few globals the core may use: those that Node 20 and web workers both provide. Anything
// else (Node's `Buffer`, `process`, DOM APIs) fails to compile under src/core/tsconfig.json.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly username: string;
  readonly password: string;
  toString(): string;
}
// eslint-disable-next-line no-var -- a global property, as lib.dom declares it
declare var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
