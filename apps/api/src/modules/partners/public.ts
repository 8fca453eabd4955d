/**
 * The partners module's surface: the key and agreement types the processor registry shows,
 * and the pseudonym a processor sees for a visitor cookie.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { PartnerApiKey, toPartnerApiKey } from "./partner-api-key.type.js";
export { partnerPseudonym } from "./partner-pseudonym.js";
export { ProcessorAgreement, toProcessorAgreement } from "./processor-agreement.type.js";
export { subjectPseudonym } from "./subject-pseudonym.js";
