export function serverActionsKeyRefusal(value: string | undefined): string | undefined;
