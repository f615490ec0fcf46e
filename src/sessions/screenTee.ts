// Copies what a UI writes to its terminal without the UI knowing: a stand-in for the stdout stream
// that forwards everything to the real one and hands each chunk to a listener. The console renders
// to it as to a terminal (isTTY, columns, rows and 'resize' come from the real stream), so the
// recorder captures the rendered screen and stays free of Ink.

export type ChunkListener = (text: string) => void;

export function teeWriteStream<S extends NodeJS.WritableStream>(stream: S, onChunk: ChunkListener): S {
  const write = (...args: unknown[]): boolean => {
    const [chunk, encoding] = args;
    try {
      if (typeof chunk === 'string') onChunk(chunk);
      else if (chunk instanceof Uint8Array) onChunk(Buffer.from(chunk).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    } catch {
      // The recording must never cost the operator a frame.
    }
    return (stream.write as (...a: unknown[]) => boolean).apply(stream, args);
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target) as unknown;
      // Methods run on the real stream, so listeners ('resize') register there.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
