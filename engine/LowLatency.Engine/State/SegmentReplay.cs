using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// One replay's walk over the journal's segments (<see cref="TradingStore.Replay"/>): checks that sequences follow
/// each other within and across segments and that the snapshot's record is the one it saw, and applies the
/// records after the snapshot to the core.
/// </summary>
internal sealed class SegmentReplay(TradingCore core, long afterSequence, string? snapshotPath, uint snapshotRecordCrc, long last)
{
    public long Last { get; private set; } = last;

    public uint LastCrc { get; private set; }

    public long Replayed { get; private set; }

    public bool Agreed { get; private set; } = afterSequence == 0;

    /// <summary>Reads one segment; a problem anywhere but at the tail of the last segment is a <see cref="JournalCorruptException"/>.</summary>
    public JournalRecovery Read(JournalSegment segment, bool isLast)
    {
        if (segment.FirstSequence != Last + 1)
        {
            throw new JournalCorruptException(segment.Path, 0, Last == 0 ? null : Last, $"the segment starts at sequence {segment.FirstSequence} where {Last + 1} must follow (a gap)");
        }

        string? inconsistency = null;
        long inconsistentAt = 0;
        var result = JournalReader.Read(segment.Path, (payload, offset, crc) =>
        {
            if (inconsistency is not null)
            {
                return;
            }

            if (!RecordCodec.TryDecode(payload, out var record, out var problem))
            {
                (inconsistency, inconsistentAt) = ($"the record at byte {offset} passes its CRC but cannot be read: {problem}", offset);
                return;
            }

            if (record.Sequence != Last + 1)
            {
                (inconsistency, inconsistentAt) = ($"the record at byte {offset} has sequence {record.Sequence} where {Last + 1} must follow (a gap)", offset);
                return;
            }

            Last = record.Sequence;
            LastCrc = crc;
            if (record.Sequence == afterSequence)
            {
                Agreed = LastCrc == snapshotRecordCrc;
                if (!Agreed)
                {
                    (inconsistency, inconsistentAt) = ($"the snapshot {snapshotPath} was taken after a different record {afterSequence} than the journal holds", offset);
                    return;
                }
            }

            if (record.Sequence > afterSequence)
            {
                core.Apply(record);
                Replayed++;
            }
        });
        if (inconsistency is not null)
        {
            throw new JournalCorruptException(segment.Path, inconsistentAt, Last == 0 ? null : Last, inconsistency);
        }

        if (result.IsCorrupt)
        {
            throw new JournalCorruptException(segment.Path, result, Last);
        }

        if (!isLast && result.Problem is not null)
        {
            throw new JournalCorruptException(segment.Path, result.ValidLength, Last, $"{result.Problem}, in a segment that later segments follow");
        }

        return result;
    }
}
