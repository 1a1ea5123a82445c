using System.Globalization;

namespace LowLatency.Engine.Journal;

/// <summary>
/// The journal as a run of segment files in one directory, each named by the sequence of its first record:
/// <c>trading.journal</c> for the segment that starts at sequence 1 (the name of the unsegmented journal, so
/// existing data directories read unchanged), then <c>trading-SEQUENCE.journal</c> (20 digits, so names sort as
/// sequences do). Replay walks them in order; every segment but the last must end on a whole record.
/// </summary>
public static class JournalSegments
{
    public const string FirstSegmentName = "trading.journal";

    private const string Prefix = "trading-";
    private const string Suffix = ".journal";

    /// <summary>The file of the segment whose first record is <paramref name="firstSequence"/>.</summary>
    public static string PathFor(string directory, long firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSequence, 1);
        return Path.Combine(directory, firstSequence == 1 ? FirstSegmentName : string.Create(CultureInfo.InvariantCulture, $"{Prefix}{firstSequence:D20}{Suffix}"));
    }

    /// <summary>The segment a file name declares, if it is one.</summary>
    public static bool TryParse(string path, out long firstSequence)
    {
        var name = Path.GetFileName(path);
        firstSequence = 0;
        if (name == FirstSegmentName)
        {
            firstSequence = 1;
            return true;
        }

        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal)
            && name.Length == Prefix.Length + 20 + Suffix.Length
            && long.TryParse(name.AsSpan(Prefix.Length, 20), NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence)
            && firstSequence > 1;
    }

    /// <summary>The directory's segments in sequence order (none when it does not exist); other files are ignored.</summary>
    public static List<JournalSegment> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var segments = new List<JournalSegment>();
        foreach (var path in Directory.GetFiles(directory, "trading*" + Suffix))
        {
            if (TryParse(path, out var first))
            {
                segments.Add(new JournalSegment(path, first));
            }
        }

        segments.Sort((a, b) => a.FirstSequence.CompareTo(b.FirstSequence));
        return segments;
    }
}
