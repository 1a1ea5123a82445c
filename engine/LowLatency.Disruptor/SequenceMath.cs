namespace LowLatency.Disruptor;

internal static class SequenceMath
{
    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> if smaller or none.</summary>
    public static long Minimum(Sequence[] sequences, long minimum = long.MaxValue)
    {
        for (var i = 0; i < sequences.Length; i++)
        {
            var value = sequences[i].Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }

        return minimum;
    }

    public static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    public static int Log2(int powerOfTwo) => System.Numerics.BitOperations.Log2((uint)powerOfTwo);
}
