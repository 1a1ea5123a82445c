using System.Collections.Concurrent;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// Writes snapshots on a thread of its own, so the trading thread only captures the state and hands it over:
/// serialising, writing and syncing never wait on it. Each file is written whole under a temporary name, synced,
/// and renamed into place after the journal it covers is synced too; the newest two are kept. While one is being
/// written a newer request is skipped (the next commit asks again). After each, the journal segments no kept
/// snapshot needs go as the retention says (<see cref="SegmentRetention"/>).
/// </summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly string _directory;
    private readonly string _journalDirectory;
    private readonly SegmentRetention? _retention;
    private readonly BlockingCollection<(StateSnapshot State, uint RecordCrc)> _queue = new(boundedCapacity: 1);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private int _pending;
    private long _syncedThrough;

    /// <param name="journalDirectory">The journal's segments (<see cref="JournalSegments"/>), synced up to each snapshot before it counts.</param>
    public SnapshotWriter(string directory, string journalDirectory, SegmentRetention? retention = null)
    {
        _directory = directory;
        _journalDirectory = journalDirectory;
        _retention = retention;
        _thread = new Thread(Run) { Name = "ll-snapshots", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>The path of the newest snapshot written, or null.</summary>
    public string? LastWritten { get; private set; }

    /// <summary>Why the last write failed, or null; the next request tries again.</summary>
    public string? LastError { get; private set; }

    /// <summary>Hands a captured state over; false when a write is still under way (this one is skipped).</summary>
    public bool TryQueue(StateSnapshot state, uint recordCrc)
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return false;
        }

        _idle.Reset();
        _queue.Add((state, recordCrc));
        return true;
    }

    /// <summary>Waits until nothing is being written.</summary>
    public bool WaitIdle(TimeSpan timeout) => _idle.Wait(timeout);

    /// <summary>Writes on the caller's thread (shutdown, tests); returns the file's path.</summary>
    public string WriteNow(StateSnapshot state, uint recordCrc)
    {
        WaitIdle(Timeout.InfiniteTimeSpan);
        return Write(state, recordCrc);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _idle.Dispose();
    }

    /// <summary>The snapshot files, oldest first.</summary>
    public static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "snapshot-*.json").Order(StringComparer.Ordinal) : [];

    private void Run()
    {
        foreach (var (state, crc) in _queue.GetConsumingEnumerable())
        {
            try
            {
                Write(state, crc);
                LastError = null;
            }
            catch (IOException e)
            {
                LastError = e.Message;
            }
            catch (UnauthorizedAccessException e)
            {
                LastError = e.Message;
            }
            finally
            {
                Volatile.Write(ref _pending, 0);
                _idle.Set();
            }
        }
    }

    private string Write(StateSnapshot state, uint recordCrc)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, $"snapshot-{state.LastSequence:D12}.json");
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(SnapshotFile.Encode(state, recordCrc));
            file.Flush(flushToDisk: true);
        }

        SyncJournalThrough(state.LastSequence); // the journal must be on disk up to the snapshot's record before the snapshot can be trusted
        File.Move(temporary, path, overwrite: true);
        foreach (var old in Files(_directory).SkipLast(2))
        {
            File.Delete(old);
        }

        LastWritten = path;
        if (_retention is not null && Files(_directory).FirstOrDefault() is { } oldest && TrySequenceOf(oldest, out var oldestSequence))
        {
            _retention.Apply(oldestSequence);
        }

        return path;
    }

    /// <summary>The sequence a snapshot file's name says it covers.</summary>
    public static bool TrySequenceOf(string path, out long sequence)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        sequence = 0;
        return name.StartsWith("snapshot-", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan("snapshot-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>Fsyncs each segment holding records after the last snapshot's and up to <paramref name="sequence"/> (fsync works on the file, whichever descriptor asks).</summary>
    private void SyncJournalThrough(long sequence)
    {
        var segments = JournalSegments.List(_journalDirectory);
        for (var i = 0; i < segments.Count; i++)
        {
            var lastHeld = i + 1 < segments.Count ? segments[i + 1].FirstSequence - 1 : long.MaxValue;
            if (lastHeld > _syncedThrough && segments[i].FirstSequence <= Math.Max(sequence, 1))
            {
                using var journal = File.OpenHandle(segments[i].Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(journal);
            }
        }

        _syncedThrough = Math.Max(_syncedThrough, sequence);
    }
}
