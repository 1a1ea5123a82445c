using System.Globalization;
using System.Text.RegularExpressions;

namespace LowLatency.EventStream;

/// <summary>
/// Where a shard's journal lives on JetStream: the subject <c>ll.journal.SHARD</c> in a stream of its own,
/// <c>LL_JOURNAL_SHARD</c>, so that the server itself keeps each shard's records in order (every publish names the
/// message it must follow, <c>Nats-Expected-Last-Msg-Id</c>, and that is a check on the stream's last message),
/// and the message id <c>SHARD:SEQUENCE</c> that JetStream deduplicates on. Commands for a shard are requests on
/// <c>ll.command.SHARD</c> (core NATS request/reply: a command is answered once or times out, never replayed).
/// </summary>
public static partial class JournalStreamNames
{
    /// <summary>Letters, digits, '-' and '_', up to 32: a NATS subject token and a stream name alike.</summary>
    public static bool IsValidShard(string? shard) => shard is not null && ShardPattern().IsMatch(shard);

    public static string Subject(string shard) => "ll.journal." + Checked(shard);

    public static string Commands(string shard) => "ll.command." + Checked(shard);

    public static string Stream(string shard) => "LL_JOURNAL_" + Checked(shard).ToUpperInvariant().Replace('-', '_');

    public static string MessageId(string shard, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{shard}:{sequence}");

    private static string Checked(string shard) =>
        IsValidShard(shard) ? shard : throw new ArgumentException($"'{shard}' is not a shard name (letters, digits, '-' and '_', up to 32)", nameof(shard));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex ShardPattern();
}
