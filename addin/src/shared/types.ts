// Shapes every page shares with the API: the audiences, the six checks, and problem details.
// Each page's own types (taskpane/, admin/, compliance/ types.ts) build on these; all of them are
// checked against the OpenAPI document (test/openapi-types.test.ts).

export const AUDIENCES = ["commercial", "technical", "finance"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CHECKS = ["saysNo", "givesReason", "citesData", "offersAlternative", "respectful", "grounded"] as const;
export type CheckName = (typeof CHECKS)[number];

/** A draft's checks as the log and the preview report them: true when the check passed. */
export type Checks = Partial<Record<CheckName, boolean>> & {
  /** The reply owns our part and grants the remedy asked for, refusing nothing: saysNo then means it grants it plainly. */
  grants?: boolean;
};

/** RFC 9457 problem details; each page adds the extension members it reads. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}
