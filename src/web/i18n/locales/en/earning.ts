export const earning = {} as const;
