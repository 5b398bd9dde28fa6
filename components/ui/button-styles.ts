/**
 * Class names for the portal's buttons, defined in app/globals.css (`.btn…`): short names keep the
 * pages light, as the devices page repeats them on every row. Colours come from the tenant's
 * contrast-checked CSS variables.
 */
export const buttonStyles = {
  primary: 'btn btn-primary',
  secondary: 'btn btn-secondary',
  danger: 'btn btn-danger',
} as const;
