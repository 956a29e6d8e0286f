// Elementary functions that give the same bits in every JavaScript engine. Math.log, exp,
// pow, sin and cos are not specified to the last bit, and engines differ: Chromium 156
// and Node 20 disagree in the last bit for about 5-10% of inputs (measured), which moves
// a sampled duration by an ulp and breaks "same seed, same numbers in Node and the
// browser". These are stdlib's ports of FreeBSD's msun (fdlibm): only IEEE arithmetic,
// which every engine rounds alike. Math.sqrt, floor, abs, min and max are exact and stay.
import ln from '@stdlib/math-base-special-ln';
import expImpl from '@stdlib/math-base-special-exp';
import powImpl from '@stdlib/math-base-special-pow';
import sinImpl from '@stdlib/math-base-special-sin';
import cosImpl from '@stdlib/math-base-special-cos';
import log1pImpl from '@stdlib/math-base-special-log1p';
import expm1Impl from '@stdlib/math-base-special-expm1';

export const log: (x: number) => number = ln;
export const exp: (x: number) => number = expImpl;
export const pow: (x: number, y: number) => number = powImpl;
export const sin: (x: number) => number = sinImpl;
export const cos: (x: number) => number = cosImpl;
export const log1p: (x: number) => number = log1pImpl;
export const expm1: (x: number) => number = expm1Impl;
