/**
 * A file written in parts under `<target>.partial` and renamed into place once whole and flushed,
 * so the target name never holds a file cut short, whatever happens midway (the app killed, the
 * disk full). Backups are written this way: the renderer sends them part by part.
 */
export const PARTIAL_SUFFIX = '.partial';

/** A file open for appending. */
export interface AppendableFile {
  append(text: string): Promise<void>;
  /** Closes the file, first flushing it to the disk (fsync) when `flush` is set. */
  close(flush: boolean): Promise<void>;
}

/** The file operations a partial file needs; nodePartialFileSystem is the real one. */
export interface PartialFileSystem {
  /** Creates (or empties) a file and opens it for appending. */
  createFile(filePath: string): Promise<AppendableFile>;
  /** Replaces `to` if it exists (as `rename(2)` and Node's `fs.rename` on Windows do). */
  rename(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
}

export interface PartialFile {
  readonly target: string;
  append(text: string): Promise<void>;
  /** Flushes, closes and renames the file into place. On failure nothing is left behind. */
  finish(): Promise<void>;
  /** Closes and deletes what was written. */
  discard(): Promise<void>;
}

export async function startPartialFile(fs: PartialFileSystem, target: string): Promise<PartialFile> {
  const partial = `${target}${PARTIAL_SUFFIX}`;
  const file = await fs.createFile(partial);
  let open = true;
  const close = async (flush: boolean): Promise<void> => {
    if (!open) return;
    open = false;
    await file.close(flush);
  };
  const discard = async (): Promise<void> => {
    await close(false).catch(() => undefined);
    await fs.unlink(partial).catch(() => undefined);
  };
  return {
    target,
    append: async (text) => {
      try {
        await file.append(text);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    finish: async () => {
      try {
        await close(true);
        await fs.rename(partial, target);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    discard,
  };
}
