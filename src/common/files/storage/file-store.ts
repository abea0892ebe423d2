/** What a store keeps of a file besides its bytes. */
export interface StoredFile {
  /** uuid */
  id: string;
  /** SHA-256 of the content, lower-case hex (64 characters). */
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

/** A stored file read back whole. */
export interface StoredFileContent {
  content: Buffer;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Where uploaded and generated files live. Injected by this abstract class (a Nest token), so the
 * PostgreSQL store (the default: N api instances share it and `pg_dump` backs it up) can be swapped for
 * an S3-compatible store by providing another class. A store computes the SHA-256 itself on put: the
 * caller never vouches for it.
 */
export abstract class FileStore {
  abstract put(content: Buffer, meta: { mediaType: string }): Promise<StoredFile>;
  /** The file, or null when there is none with this id (never stored, or deleted). */
  abstract get(id: string): Promise<StoredFileContent | null>;
  /** Removes the file; deleting a file that is not there is not an error. */
  abstract delete(id: string): Promise<void>;
}
