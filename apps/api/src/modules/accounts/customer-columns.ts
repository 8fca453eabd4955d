/**
 * The customer columns that toCustomer() needs, and no more: staff queries never load the
 * password hash into the objects they hand to GraphQL.
 */
export const CUSTOMER_COLUMNS = {
  id: true,
  name: true,
  email: true,
  country: true,
  jurisdiction: true,
  createdAt: true,
} as const;
