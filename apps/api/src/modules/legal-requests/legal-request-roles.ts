/**
 * Who works legal requests (P-11). Privacy officers record, read, close and disclose (they are
 * the only role that may declare LEGAL_OBLIGATION, see ROLE_PURPOSES in @privet/domain);
 * auditors may read the register, to check every disclosure against the request it cites.
 * Support agents, security officers and administrators neither record nor read it: it names
 * who is under investigation.
 */
import type { StaffRole } from "@privet/domain/principals";

export const LEGAL_REQUEST_WRITERS: readonly StaffRole[] = ["PRIVACY_OFFICER"];
export const LEGAL_REQUEST_READERS: readonly StaffRole[] = ["PRIVACY_OFFICER", "AUDITOR"];
