/** Platform administration refusals. */
export const admin = {
  platformOnly: 'Only platform administrators can see this page.',
};
