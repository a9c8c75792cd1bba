/** An SPDX package, read alike from JSON and tag-value. */
export interface SpdxPackage {
  id: string;
  name?: string;
  version?: string;
  /** The first `purl` external reference. */
  purl?: string;
  line?: number;
}

/** `from type to`, as SPDX writes a relationship. */
export interface SpdxRelationship {
  from: string;
  type: string;
  to: string;
}

/** The parts of an SPDX 2.x document that the dependency graph needs. */
export interface SpdxDocument {
  spdxVersion: string;
  /** SPDXID of the document itself (usually `SPDXRef-DOCUMENT`). */
  documentId: string;
  /** `documentDescribes` (JSON); DESCRIBES relationships are added later. */
  describes: string[];
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}
