// Today's outputs of the distributions built on special functions, pinned to the last bit:
// the truncated normal (its tail mass Q(α) by Cody's erfc, its inversion sampler by AS 241)
// and the Weibull (its moments by ln Γ). Seeded sample sequences (the first draws written
// out, 20 000 draws by their SHA-256) and exact moments, so a change to a special function
// that moves any sampled duration or any theoretical mean shows here. The normals cover
// each sampler: plain rejection (little mass below 0), inversion with the moments by
// formula (α ≤ 1.5) and inversion far in the tail (continued fraction, α up to 37).
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { stream } from '../../../engine/core/random.ts';
import { type Distribution, normal, weibull } from '../../../engine/core/distributions.ts';

const NORMAL_MOMENTS: [number, number, number, number][] = [
  [5, 1, 5.000001486719941, 0.9999925663980851],
  [3, 2, 3.2775795009177013, 3.0902111179171747],
  [1, 2, 2.018320867674067, 1.944701742785468],
  [0, 1, 0.7978845608028654, 0.3633802276324186],
  [-0.5, 1, 0.6410777703680648, 0.2684804071558782],
  [-2, 1, 0.37321553282284087, 0.11427910041408129],
  [-8, 1, 0.1213681122361127, 0.014324883443340907],
  [-30, 1, 0.03325966743367704, 0.001103771511890091],
  [-37, 1, 0.026987686126990096, 7.272780988775135e-4],
  [2.5, 0.1, 2.5, 0.010000000000000002],
];

const WEIBULL_MOMENTS: [number, number, number][] = [
  [0.1, 3628800.0000000084, 2.4328888399872e18],
  [0.2, 119.99999999999997, 3614400.0000000084],
  [0.5, 2, 20.000000000000004],
  [0.7, 1.2658235060572836, 3.4268355536531536],
  [1, 1, 1],
  [1.5, 0.9027452929509336, 0.3756902848139318],
  [2, 0.886226925452758, 0.21460183660255167],
  [3, 0.8929795115692493, 0.1053328848684787],
  [5, 0.9181687423997624, 0.044229977983113976],
  [10, 0.9513507698668732, 0.013100455073470206],
  [50, 0.9888442032639133, 6.253425856013043e-4],
  [200, 0.9971385352510178, 4.0592708960673134e-5],
];

const SEQUENCES: [string, Distribution, number[], string][] = [
  ['pin:normal(5,1)', normal(5, 1), [4.340294705621079, 5.437073466455372, 6.6635151073030245, 6.234340696219435, 5.045293566104632], '56afaa8a9419fa902b9511906c2102fbdb38a926b256fc582f54184ffd040110'],
  ['pin:normal(3,2)', normal(3, 2), [1.3778049074078473, 1.5250215622806584, 1.592788461616734, 4.119544089771271, 4.3207144151970125], '90b31ec7cde95d98c4083844f1e96b47e956b393c2c54d58e9f1d1c814baeaa8'],
  ['pin:normal(1,2)', normal(1, 2), [2.7089881949294434, 0.1878507121675651, 4.82496904253805, 2.261409986755949, 1.6742911032375682], '65fdbca56d90b11d2e31d1dfaa9bf4ed04f19758ce474c284aa9fc4b5c276a35'],
  ['pin:normal(0,1)', normal(0, 1), [2.447959557052438, 0.1615650455771602, 0.495084469304486, 1.5853687495430095, 0.3103835204019401], '451c9833074697753b3665ce29ce24fba0fb181f2cea16e68830572dc3e94cd4'],
  ['pin:normal(-0.5,1)', normal(-0.5, 1), [0.78356987294864, 1.1175030822231624, 1.0645409430423245, 0.8787512008394454, 0.8152761509192399], '8ca87787a736b3f8234190fd1b0e137fa50a7497f0e4111b9c732a7f3f878b31'],
  ['pin:normal(-2,1)', normal(-2, 1), [0.5684003644684621, 0.3484406524048489, 0.15211756321595393, 0.3373374393385751, 0.34850619818843187], 'b88b4037e6f2c4f5b2752e1230ff7164caabadfad0eb7c3fa28fcee0f5735b18'],
  ['pin:normal(-8,1)', normal(-8, 1), [0.19446314936550024, 0.016055912823160767, 0.028644879671062995, 0.26318607209654843, 0.15902107255481646], '59c1bd6dbd5b1862be803152d0ef20bbf2ee6d41bb4ca7cf069acfc020981898'],
  ['pin:normal(-30,1)', normal(-30, 1), [0.0099839273148703, 0.03384021623159228, 0.011651713385209206, 0.009136558415800522, 0.05253033545179164], '7ec72a7ec372944c24904faeb6342178efcdaf9af027fcc85bce050be09d8339'],
  ['pin:normal(-37,1)', normal(-37, 1), [8.96637567883829e-4, 0.011040202117641229, 0.03429977954671415, 0.033129387772909524, 0.06132623005248661], 'f9106d21ebc09c3662ca17fb4a75bf60bb762393ca84e272909034a76ad15f02'],
  ['pin:normal(2.5,0.1)', normal(2.5, 0.1), [2.6750903111588418, 2.418937241614076, 2.552708691233678, 2.6222639912049646, 2.5342993896687163], 'b01e95d5946ee8cd502130dce5d70c99505df0f352f641188983f229f30af732'],
  ['pin:weibull(0.7,2)', weibull(0.7, 2), [2.531981761562284, 7.240567927178675, 7.530552176250632, 0.799326439684824, 5.310672500262471], 'c0a33185b165e849ab3cfdb967c5aef068ef73b622961de2f37b6007141d1d59'],
  ['pin:weibull(1.5,3)', weibull(1.5, 3), [1.845896370555923, 3.3233664317902605, 4.756598781749863, 1.048970527555824, 2.7993194952012637], 'f42d20d9c539b102a741c76273b4a96330e6820e36235c879746fa5bc515ee68'],
  ['pin:weibull(3,1)', weibull(3, 1), [1.3682335233336764, 0.8306275043671089, 1.1870247762565944, 1.0863850040504872, 0.7090964939917246], 'a31ef596cba41a9f7ea8cb246249e599480d25bc9b732118b80e01573e6027c2'],
];

const DRAWS = 20_000;

function draws(dist: Distribution, name: string, n: number): number[] {
  const rng = stream(16, 0, name);
  return Array.from({ length: n }, () => dist.sample(rng));
}

const sha256 = (xs: number[]) => createHash('sha256').update(new Uint8Array(Float64Array.from(xs).buffer)).digest('hex');

describe('distributions give exactly today\'s numbers', () => {
  test.each(NORMAL_MOMENTS)('normal(%s, %s): mean %s, variance %s', (mean, sd, expectedMean, expectedVariance) => {
    const d = normal(mean, sd);
    expect(d.mean).toBe(expectedMean);
    expect(d.variance).toBe(expectedVariance);
  });

  test.each(WEIBULL_MOMENTS)('weibull(shape %s, scale 1): mean %s, variance %s', (shape, expectedMean, expectedVariance) => {
    const d = weibull(shape, 1);
    expect(d.mean).toBe(expectedMean);
    expect(d.variance).toBe(expectedVariance);
  });

  test.each(SEQUENCES)('%s: seeded draws', (name, dist, first, digest) => {
    const xs = draws(dist, name, DRAWS);
    expect(xs.slice(0, first.length)).toEqual(first);
    expect(sha256(xs)).toBe(digest);
  });
});
