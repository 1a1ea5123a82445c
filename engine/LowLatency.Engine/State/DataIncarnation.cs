using System.Globalization;

namespace LowLatency.Engine.State;

/// <summary>
/// The incarnation of a data directory: a number new at every start, carried in every order's ClOrdID beside its
/// journalled id, so an id the venue has seen is never sent again even when the journal, or its unsynced tail, was
/// lost. It is the seconds since 2024 at the start, one more than the last, or one more than the highest a venue's
/// own store shows sent (whichever is highest), so a directory wiped with its journal still gets a number no earlier
/// run had; written and synced before the first order.
/// </summary>
public static class DataIncarnation
{
    public const string FileName = "incarnation";
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Begins the next incarnation of <paramref name="dataDirectory"/>, above <paramref name="highestSent"/>, and returns it, durable on disk.</summary>
    public static int Begin(string dataDirectory, DateTimeOffset now, int highestSent = 0)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var last = Read(path);
        var next = (int)Math.Max(Math.Max(last, highestSent) + 1L, Math.Max(1L, (long)(now - Epoch).TotalSeconds));
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return next;
    }

    /// <summary>The last incarnation written to <paramref name="path"/>; 0 when there is none (or it is unreadable: a new one is higher than any time-based one before it).</summary>
    private static long Read(string path)
    {
        try
        {
            return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < int.MaxValue ? value : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
