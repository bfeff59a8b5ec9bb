using System.Text;

namespace SensorNet.SimEngine.Random;

/// <summary>
/// Hash functions whose values are fixed forever (unlike the string hash code of .NET, which is
/// randomised per process). Used to derive random-stream seeds and fingerprints.
/// </summary>
public static class StableHash
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// The SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
    /// OOPSLA 2014; the variant-13 constants of Stafford's mix): a bijective 64-bit mix with full avalanche.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Combines an accumulated hash with one more component. Order matters: (a, b) and (b, a) differ.
    /// Each component is offset by a distinct multiple of the golden gamma before mixing, so that equal
    /// values in different positions do not cancel.
    /// </summary>
    public static ulong Combine(ulong hash, ulong component, int position) =>
        Mix(hash ^ Mix(component + (GoldenGamma * (ulong)(position + 1))));

    /// <summary>64-bit FNV-1a over the UTF-8 bytes of <paramref name="text"/>, for naming streams or scenarios by text.</summary>
    public static ulong Fnv1a64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            h ^= b;
            h *= 0x100000001B3UL;
        }

        return h;
    }
}
