/**
 * The order a time-keyed log is read in, newest or oldest first: asked of the API (its keyset
 * pages run both ways), never a sort of the rows already shown.
 */
import type { TimeOrder } from "@privet/client";
import { TIME_ORDER_LABELS, TIME_ORDERS } from "@privet/domain/staff-actions";

export function TimeOrderChoice({
  order,
  onChange,
}: {
  order: TimeOrder;
  onChange: (order: TimeOrder) => void;
}) {
  return (
    <div className="inline-form">
      <div className="field">
        <label htmlFor="order">Order</label>
        <select id="order" value={order} onChange={(e) => onChange(e.target.value as TimeOrder)}>
          {TIME_ORDERS.map((o) => (
            <option key={o} value={o}>
              {TIME_ORDER_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
