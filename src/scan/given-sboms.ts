import type { DiskRepositoryFiles } from '../catalog/repository-files.js';
import {
  describeSbomAnnotation,
  type SbomAnnotation,
} from '../catalog/sbom-annotation.js';
import type { ExtractionFailure, GivenSbom } from './extract-repository.js';

/** The SBOMs components name, and the names refused before any reading. */
export interface GivenSboms {
  sboms: GivenSbom[];
  failures: ExtractionFailure[];
}

/**
 * Checks each `quartermaster.dev/sbom` against the disk: a path that leaves
 * the repository, by `..`, as an absolute path or through a symbolic link,
 * is a failure of its component, named in the descriptor; the file itself
 * is read later with the repository's size limit.
 */
export async function checkGivenSboms(
  annotations: readonly SbomAnnotation[],
  disk: Pick<DiskRepositoryFiles, 'locate'>,
): Promise<GivenSboms> {
  const result: GivenSboms = { sboms: [], failures: [] };
  for (const annotation of annotations) {
    const namedBy = describeSbomAnnotation(annotation);
    const componentRef = annotation.component.ref;
    const { file } = annotation;
    const leaves =
      file === undefined || (await disk.locate(file)).kind === 'outside';
    if (file !== undefined && !leaves) {
      result.sboms.push({ file, componentRef, namedBy });
      continue;
    }
    result.failures.push({
      file: annotation.component.file,
      code: 'ERR_SBOM_ANNOTATION_OUTSIDE',
      // The failure's file is the descriptor: the message need not name it.
      message:
        `${describeSbomAnnotation(annotation, { withFile: false })}: the path leaves the repository ` +
        `(${file === undefined ? 'absolute, or climbing out with ..' : 'a symbolic link to a file outside it'}); ` +
        'it is not read; commit the SBOM inside the repository and give ' +
        "its path relative to the descriptor's folder",
      componentRef,
    });
  }
  return result;
}
