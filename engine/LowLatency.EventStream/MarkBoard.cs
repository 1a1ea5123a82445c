using System.Globalization;
using System.Text.Json;
using LowLatency.Engine.State;
using NATS.Client.KeyValueStore;

namespace LowLatency.EventStream;

/// <summary>
/// Where the shards' latest quotes meet: the JetStream key-value bucket <c>LL_MARKS</c>, one key per shard and
/// instrument (<c>SHARD.ID</c>), history 1, in memory. A mark is a view, not a record of state (the journal holds
/// marks only with tick journalling): a reader gets the latest at once and then each change, and a lost one is
/// replaced by the next. The value is the snapshot's own <see cref="MarkSnapshot"/>, so a mark reads alike wherever it is read.
/// </summary>
public static class MarkBoard
{
    public const string Bucket = "LL_MARKS";

    /// <summary>The bucket as every side creates it (publishers and readers alike, whichever comes first).</summary>
    public static NatsKVConfig Config() => new(Bucket) { History = 1, Storage = NatsKVStorageType.Memory };

    public static string Key(string shard, int instrumentId) =>
        JournalStreamNames.IsValidShard(shard) ? string.Create(CultureInfo.InvariantCulture, $"{shard}.{instrumentId}") : throw new ArgumentException($"'{shard}' is not a shard name", nameof(shard));

    public static byte[] Encode(MarkSnapshot mark) => JsonSerializer.SerializeToUtf8Bytes(mark, JsonSerializerOptions.Web);

    /// <summary>The mark in <paramref name="value"/>; null for a value that is not one (written by something else).</summary>
    public static MarkSnapshot? Decode(ReadOnlySpan<byte> value)
    {
        try
        {
            return JsonSerializer.Deserialize<MarkSnapshot>(value, JsonSerializerOptions.Web) is { Symbol.Length: > 0, BidTicks: > 0, AskTicks: > 0 } mark ? mark : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
