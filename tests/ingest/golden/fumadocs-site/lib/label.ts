import { print } from './printer';

// #region label
export const label = 'Green tomato chutney, September';
// #endregion label

print(label);
