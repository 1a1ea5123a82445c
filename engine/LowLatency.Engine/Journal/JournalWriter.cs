using System.Buffers.Binary;
using System.Diagnostics;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Appends framed records to a journal file. Call <see cref="Commit"/> at the end of each batch: it flushes
/// and, per <see cref="FsyncPolicy"/>, forces the records to disk before their effects are published.
/// Open it only on a recovered journal (<see cref="JournalReader.Recover"/>), so appends follow the last good record.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly FsyncPolicy _policy;
    private readonly long _intervalTicks;
    private readonly byte[] _header = new byte[JournalFormat.HeaderSize];
    private long _lastSyncTicks;

    public JournalWriter(string path, FsyncPolicy policy = FsyncPolicy.EveryBatch, TimeSpan? fsyncInterval = null)
    {
        _policy = policy;
        _intervalTicks = (long)((fsyncInterval ?? TimeSpan.FromMilliseconds(100)).TotalSeconds * Stopwatch.Frequency);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, FileOptions.None);
        _lastSyncTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>Bytes in the file, including records not yet committed.</summary>
    public long Length => _stream.Length;

    /// <summary>The file, for a <see cref="JournalSyncer"/> that fsyncs it beside the writer.</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle Handle => _stream.SafeFileHandle;

    /// <summary>Appends one record (buffered until <see cref="Commit"/>); returns the frame's CRC.</summary>
    /// <exception cref="ArgumentException">The payload is empty or larger than <see cref="JournalFormat.MaxPayloadSize"/>.</exception>
    public uint Append(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > JournalFormat.MaxPayloadSize)
        {
            throw new ArgumentException($"A journal record holds 1 to {JournalFormat.MaxPayloadSize} bytes, not {payload.Length}.", nameof(payload));
        }

        BinaryPrimitives.WriteInt32LittleEndian(_header, payload.Length);
        var crc = Crc32C.Compute(payload, Crc32C.Compute(_header.AsSpan(0, 4)));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), crc);
        _stream.Write(_header);
        _stream.Write(payload);
        return crc;
    }

    /// <summary>Ends a batch for a <see cref="JournalSyncer"/>: the buffered records to the OS, no fsync; returns the file's length after them.</summary>
    public long Write()
    {
        _stream.Flush(flushToDisk: false);
        return _stream.Position;
    }

    /// <summary>Ends a batch: writes the buffered records to the OS and syncs them as the policy says; true when everything is now as durable as the policy makes it.</summary>
    public bool Commit()
    {
        switch (_policy)
        {
            case FsyncPolicy.EveryBatch:
                _stream.Flush(flushToDisk: true);
                return true;
            case FsyncPolicy.Interval:
                var now = Stopwatch.GetTimestamp();
                var due = now - _lastSyncTicks >= _intervalTicks;
                _stream.Flush(flushToDisk: due);
                if (due)
                {
                    _lastSyncTicks = now;
                }

                return due;
            default:
                _stream.Flush(flushToDisk: false);
                return true;
        }
    }

    public void Dispose()
    {
        _stream.Flush(flushToDisk: _policy != FsyncPolicy.None);
        _stream.Dispose();
    }
}
