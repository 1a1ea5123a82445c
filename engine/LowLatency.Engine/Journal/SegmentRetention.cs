namespace LowLatency.Engine.Journal;

/// <summary>
/// Retires journal segments no recovery can need, on the snapshot thread after each snapshot: a segment goes when
/// the oldest kept snapshot's record lies in a later segment (so either snapshot can still be verified against the
/// journal and replayed from it) and every record it holds is published to the event stream. The last segment,
/// being written, always stays.
/// </summary>
public sealed class SegmentRetention(string journalDirectory, JournalRetention mode, string archiveDirectory, Func<long> publishedThrough)
{
    /// <summary>Segments moved to the archive since start.</summary>
    public long Archived { get; private set; }

    /// <summary>Segments deleted since start.</summary>
    public long Deleted { get; private set; }

    /// <summary>Why the last pass failed, or null; the next snapshot tries again.</summary>
    public string? LastError { get; private set; }

    /// <summary>Retires what <paramref name="oldestSnapshotSequence"/> and the stream allow; returns how many segments went.</summary>
    public int Apply(long oldestSnapshotSequence)
    {
        if (mode == JournalRetention.Keep)
        {
            return 0;
        }

        var segments = JournalSegments.List(journalDirectory);
        var published = publishedThrough();
        var retired = 0;
        try
        {
            for (var i = 0; i + 1 < segments.Count; i++)
            {
                var nextFirst = segments[i + 1].FirstSequence;
                if (nextFirst > oldestSnapshotSequence || nextFirst - 1 > published)
                {
                    break; // segments are in sequence order: no later one qualifies either
                }

                Retire(segments[i].Path);
                retired++;
            }

            LastError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastError = e.Message;
        }

        return retired;
    }

    private void Retire(string path)
    {
        if (mode == JournalRetention.Delete)
        {
            File.Delete(path);
            Deleted++;
            return;
        }

        Directory.CreateDirectory(archiveDirectory);
        var archived = Path.Combine(archiveDirectory, Path.GetFileName(path));
        var moving = archived + ".tmp";
        File.Copy(path, moving, overwrite: true); // a copy synced before the original goes: another disk is no rename
        using (var copy = File.OpenHandle(moving, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.FlushToDisk(copy);
        }

        File.Move(moving, archived, overwrite: true);
        DirectorySync.Flush(archiveDirectory);
        File.Delete(path);
        Archived++;
    }
}
