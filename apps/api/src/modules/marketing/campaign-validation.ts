import { badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import type { SendCampaignInput } from "./send-campaign.input.js";

export const SUBJECT_MAX = 200;
export const TEXT_MAX = 20_000;

export function validateCampaign(input: SendCampaignInput): {
  name: string;
  subject: string;
  body: string;
} {
  const subject = validate.text("subject", input.subject, { max: SUBJECT_MAX });
  // One header line: a line break would let the text write headers of its own.
  if (/[\r\n]/.test(subject)) throw badInput("subject", "subject must be one line.");
  const body = validate.text("text", input.text, { max: TEXT_MAX });
  const name =
    input.name === null || input.name === undefined || input.name.trim() === ""
      ? subject
      : validate.text("name", input.name, { max: SUBJECT_MAX });
  return { name, subject, body };
}
