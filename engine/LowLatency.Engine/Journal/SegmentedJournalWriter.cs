namespace LowLatency.Engine.Journal;

/// <summary>
/// Appends to a journal of segments (<see cref="JournalSegments"/>): records go to the current segment's
/// <see cref="JournalWriter"/>, and a batch that ends with it past the segment size starts a new one, named by the
/// next record's sequence, so a batch never spans two and every segment but the last ends on a whole record.
/// Positions are bytes across the segments written since open, so they keep growing through a rotation. With a
/// <see cref="JournalSyncer"/> the finished segment is synced and closed on its thread; without one it is closed
/// here, synced as the policy says, like any batch under that policy.
/// </summary>
public sealed class SegmentedJournalWriter : IDisposable
{
    private readonly string _directory;
    private readonly FsyncPolicy _policy;
    private readonly TimeSpan _fsyncInterval;
    private readonly long _segmentBytes;
    private JournalWriter _current;
    private JournalSyncer? _syncer;
    private long _base;
    private long _lastSequence;
    private long _written;
    private long _durableSequence;

    /// <param name="segment">The segment to append to: the last, recovered (<see cref="JournalReader.Recover"/>).</param>
    /// <param name="lastSequence">The sequence of the last record in the journal (0 when empty).</param>
    /// <param name="segmentBytes">The size past which a batch end starts a new segment (0 or less: never).</param>
    public SegmentedJournalWriter(string directory, JournalSegment segment, long lastSequence, FsyncPolicy policy, TimeSpan fsyncInterval, long segmentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        (_directory, _policy, _fsyncInterval, _segmentBytes, _lastSequence) = (directory, policy, fsyncInterval, segmentBytes, lastSequence);
        _current = new JournalWriter(segment.Path, policy, fsyncInterval);
        CurrentPath = segment.Path;
        _written = _current.Length;
        _durableSequence = lastSequence; // recovered: what a restart replayed is the journal
    }

    /// <summary>The segment being written.</summary>
    public string CurrentPath { get; private set; }

    /// <summary>The position after the last batch ended.</summary>
    public long Position => _written;

    /// <summary>Segments started since open.</summary>
    public int Rotations { get; private set; }

    /// <summary>With a syncer: how far it synced (with no fsync policy, what the OS holds); without one everything committed is.</summary>
    public long DurablePosition => _syncer?.SyncedPosition ?? (_policy == FsyncPolicy.None ? _written : long.MaxValue);

    /// <summary>
    /// The sequence of the last record durable as the policy defines it (synced; with no fsync policy, written to
    /// the OS): the event stream publishes no further. Any thread may read it.
    /// </summary>
    public long DurableSequence => _syncer?.SyncedSequence ?? Volatile.Read(ref _durableSequence);

    /// <summary>The syncer's last fsync error (null when none, or no syncer).</summary>
    public string? SyncError => _syncer?.LastError;

    /// <summary>Appends one record (buffered until the batch ends); returns the frame's CRC.</summary>
    public uint Append(ReadOnlySpan<byte> payload, long sequence)
    {
        var crc = _current.Append(payload);
        _lastSequence = sequence;
        return crc;
    }

    /// <summary>Ends a batch on this thread: written and synced as the policy says.</summary>
    public void Commit()
    {
        if (_current.Commit())
        {
            Volatile.Write(ref _durableSequence, _lastSequence);
        }

        _written = _base + _current.Length;
        RotateIfFull();
    }

    /// <summary>Ends a batch for the syncer: written to the OS and its sync asked for; returns the position after it.</summary>
    public long Write()
    {
        _written = _base + _current.Write();
        if (_syncer is null)
        {
            Volatile.Write(ref _durableSequence, _lastSequence); // no fsync policy: the OS holding it is durable enough
        }
        else
        {
            _syncer.Request(_written, _lastSequence);
        }

        RotateIfFull();
        return _written;
    }

    /// <summary>Syncs on a thread of its own from now on (<see cref="Write"/> instead of <see cref="Commit"/>), unless the policy is not to sync.</summary>
    public void AttachSyncer(Action<long> synced)
    {
        ArgumentNullException.ThrowIfNull(synced);
        if (_syncer is not null)
        {
            throw new InvalidOperationException("Attach the syncer once.");
        }

        if (_policy != FsyncPolicy.None)
        {
            var interval = _policy == FsyncPolicy.Interval ? _fsyncInterval : TimeSpan.Zero;
            _syncer = new JournalSyncer(_current.Handle, synced, interval, directory: _directory, position: _written, sequence: _durableSequence);
        }
    }

    /// <summary>Stops the syncer (it syncs what was asked and the segments it holds); a later batch commits on this thread.</summary>
    public void DetachSyncer()
    {
        _syncer?.Dispose();
        _syncer = null;
    }

    public void Dispose()
    {
        DetachSyncer();
        _current.Dispose();
    }

    private void RotateIfFull()
    {
        if (_segmentBytes <= 0 || _current.Length < _segmentBytes)
        {
            return;
        }

        var path = JournalSegments.PathFor(_directory, _lastSequence + 1);
        var next = new JournalWriter(path, _policy, _fsyncInterval);
        var finished = _current;
        _base += finished.Length;
        (_current, CurrentPath) = (next, path);
        Rotations++;
        if (_syncer is not null)
        {
            _syncer.Retire(finished, next.Handle);
            return;
        }

        finished.Dispose();
        if (_policy != FsyncPolicy.None)
        {
            DirectorySync.Flush(_directory);
        }
    }
}
