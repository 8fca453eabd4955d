import { CustomerPaymentMethodResolver } from "./customer-payment-method.resolver.js";
import { SetPaymentMethodResolver } from "./set-payment-method.resolver.js";

/** The payments module's resolver classes (see schema/resolvers.ts). */
export const paymentsResolvers = [SetPaymentMethodResolver, CustomerPaymentMethodResolver] as const;
