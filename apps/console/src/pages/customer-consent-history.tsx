/**
 * A customer's consent history on their page, newest first, each event with "Download
 * receipt": the signed ISO/IEC TS 27560 record a customer may ask support for, read under the
 * purpose and reference declared for the page (the API records the read in the customer's
 * access log) and saved as a .json file in the browser.
 */
import {
  CustomerConsentReceiptDocument,
  type OpenCustomerQuery,
  type Purpose,
} from "@privet/client";
import {
  consentSourceLabelForStaff,
  consentStateLabel,
  inWords,
  purposeLabel,
} from "@privet/domain/labels";
import { ReceiptButton, type ReceiptLoad } from "@privet/ui/consent-receipt";
import { formatDateTime } from "@privet/ui/format";
import { Empty } from "@privet/ui/states";
import { TableScroll } from "@privet/ui/table-scroll";
import { useClient } from "urql";
import { failuresOf } from "../redactions.js";

type Entry = NonNullable<OpenCustomerQuery["customer"]>["consentHistory"][number];

export function CustomerConsentHistory({
  customerId,
  entries,
  purpose,
  reference,
}: {
  customerId: string;
  entries: readonly Entry[];
  purpose: Purpose;
  reference: string;
}) {
  const client = useClient();
  const receiptOf = async (eventId: string): Promise<ReceiptLoad> => {
    const result = await client
      .query(
        CustomerConsentReceiptDocument,
        { customerId, eventId, purpose, ref: reference || null },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    const receipt = result.data?.customerConsentReceipt;
    if (receipt) return receipt;
    return { error: failuresOf(result.error)[0] ?? "The receipt could not be made. Try again." };
  };
  if (entries.length === 0) return <Empty>No consent choices recorded.</Empty>;
  return (
    <TableScroll label="Consent history">
      <table>
        <caption className="visually-hidden">
          Every consent event, newest first, with a signed receipt of each
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Purpose</th>
            <th scope="col">Choice</th>
            <th scope="col">Where</th>
            <th scope="col">Policy version</th>
            <th scope="col">Receipt</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.occurredAt)}</td>
              <td>{inWords(purposeLabel(entry.purpose))}</td>
              <td>{consentStateLabel(entry.state)}</td>
              <td>{consentSourceLabelForStaff(entry.source)}</td>
              <td>{entry.policyVersion ?? "—"}</td>
              <td>
                <ReceiptButton
                  load={() => receiptOf(entry.id)}
                  label={`Download receipt: ${purposeLabel(entry.purpose)}, ${consentStateLabel(entry.state)}, ${formatDateTime(entry.occurredAt)}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
