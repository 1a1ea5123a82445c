using LowLatency.Engine.Journal;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.EventStream;

/// <summary>
/// Publishes a shard's durable journal records, in order and each once, to its JetStream stream
/// (<see cref="JournalStreamNames"/>), on a task of its own: the trading thread never waits for it. It tails the
/// journal files (<see cref="JournalTail"/>) up to the durable sequence, keeps a window of publishes in flight,
/// and counts a record published when the server has acknowledged it. The journal is the buffer: while NATS is
/// away the shard trades on, the backlog (durable − published) grows, retention keeps every unpublished segment,
/// and on reconnection publishing resumes after the stream's last record. A stream ahead of the journal (a data
/// directory replaced under a live stream) stops publishing with the reason, rather than mixing two histories.
/// </summary>
public sealed partial class JournalPublisher(JournalPublisherOptions options, string journalDirectory, Func<long> durableSequence, ILogger logger) : IAsyncDisposable
{
    private readonly BackgroundRun _run = new();
    private readonly string _subject = JournalStreamNames.Subject(options.Shard);
    private long _published = -1;
    private bool _roundConnected;

    /// <summary>The last record the stream acknowledged (-1 until the stream was first read).</summary>
    public long PublishedSequence => Volatile.Read(ref _published);

    /// <summary>Records durable and not yet acknowledged by the stream.</summary>
    public long Backlog => Math.Max(0, durableSequence() - Math.Max(0, PublishedSequence));

    /// <summary>True while publishing (connected, the stream read).</summary>
    public bool Connected { get; private set; }

    /// <summary>Why publishing stopped or last failed; null while it runs.</summary>
    public string? LastError { get; private set; }

    /// <summary>Publishes acknowledged since start.</summary>
    public long Acknowledged { get; private set; }

    public void Start() => _run.Start(RunAsync);

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    private async Task RunAsync(CancellationToken stop)
    {
        await RetryLoop.RunAsync(PublishAsync, TookProgress, Failed, TimeSpan.FromMilliseconds(100), options.MaxBackoff, stop).ConfigureAwait(false);
        Connected = false;
    }

    /// <summary>Whether the round just ended had reached the server (and forgets it for the next).</summary>
    private bool TookProgress()
    {
        var connected = _roundConnected;
        _roundConnected = false;
        return connected;
    }

    private bool Failed(Exception e)
    {
        if (e is JournalStreamDivergedException)
        {
            (Connected, LastError) = (false, e.Message);
            LogDiverged(logger, e.Message);
            return false; // sticky: an operator decides which history stands
        }

        // whatever a round met (the server away, a refused publish, a segment not readable yet), the next round starts from the stream's word
        if (LastError != e.Message)
        {
            LogFailed(logger, _subject, e.Message);
        }

        (Connected, LastError) = (false, e.Message);
        return true;
    }

    private async Task PublishAsync(CancellationToken stop)
    {
        // the client would hold a publish until it reconnects; a lost connection ends the round at once instead
        // (declared first so that it outlives the connection, whose disposal raises the event too)
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await using var nats = new NatsConnection(new NatsOpts
        {
            Url = options.Url, Name = $"ll-shard-{options.Shard}", ConnectTimeout = options.Timeout, RequestTimeout = options.Timeout,
            MaxReconnectRetry = 0, // a lost connection ends this round; the loop reconnects and rereads the stream
            CommandTimeout = options.Timeout, PublishTimeoutOnDisconnected = true,
        });

        nats.ConnectionDisconnected += (_, _) =>
        {
            lost.Cancel();
            return ValueTask.CompletedTask;
        };
        await nats.ConnectAsync().ConfigureAwait(false);
        try
        {
            await PublishRoundAsync(nats, lost.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new NatsException($"the connection to {options.Url} was lost");
        }
    }

    private async Task PublishRoundAsync(NatsConnection nats, CancellationToken stop)
    {
        var js = new NatsJSContext(nats);
        var stream = await js.CreateOrUpdateStreamAsync(new StreamConfig(JournalStreamNames.Stream(options.Shard), [_subject])
        {
            Storage = StreamConfigStorage.File, DuplicateWindow = options.DuplicateWindow,
        }, stop).ConfigureAwait(false);
        var (last, streamSequence) = await LastRecordAsync(stream, stop).ConfigureAwait(false);
        var durable = durableSequence();
        if (last > durable)
        {
            throw new JournalStreamDivergedException($"the stream {stream.Info.Config.Name} holds record {last} and the journal only {durable}: another history; publishing stopped");
        }

        Volatile.Write(ref _published, last);
        using var tail = new JournalTail(journalDirectory, last + 1);
        (Connected, LastError, _roundConnected) = (true, null, true);
        LogPublishing(logger, _subject, last + 1);
        var inFlight = new Queue<(long Sequence, Task<PubAckResponse> Ack)>();
        while (!stop.IsCancellationRequested)
        {
            durable = durableSequence();
            while (inFlight.Count < options.Window && tail.TryRead(durable, out var record))
            {
                var sequence = tail.NextSequence - 1;
                // In order and gap-free by the stream's own sequence (this stream holds this subject only), which the server
                // keeps across restarts; the last message id it checks against is forgotten once the duplicate window has passed.
                var publish = new NatsJSPubOpts { MsgId = JournalStreamNames.MessageId(options.Shard, sequence), ExpectedLastSequence = streamSequence++ };
                inFlight.Enqueue((sequence, js.PublishAsync(_subject, record.ToArray(), opts: publish, cancellationToken: stop).AsTask()));
            }

            if (inFlight.Count == 0)
            {
                await Task.Delay(options.IdlePoll, stop).ConfigureAwait(false);
                continue;
            }

            var (published, ack) = inFlight.Dequeue();
            (await ack.ConfigureAwait(false)).EnsureSuccess();
            Volatile.Write(ref _published, published);
            Acknowledged++;
        }
    }

    /// <summary>The record sequence of the stream's last message (0 when empty), read from the record itself, and that message's stream sequence.</summary>
    private async Task<(long Record, ulong Stream)> LastRecordAsync(INatsJSStream stream, CancellationToken stop)
    {
        if (stream.Info.State.Messages == 0)
        {
            return (0, stream.Info.State.LastSeq);
        }

        var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = _subject }, stop).ConfigureAwait(false);
        var data = last.Message.Data;
        return RecordCodec.TryDecode(data.Span, out var record, out var problem)
            ? (record.Sequence, last.Message.Seq)
            : throw new JournalStreamDivergedException($"the stream's last message on {_subject} is not a trading record: {problem}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "journal stream: publishing to {Subject} from record {From}")]
    private static partial void LogPublishing(ILogger logger, string subject, long from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "journal stream: {Subject}: {Problem}; the journal buffers, retrying")]
    private static partial void LogFailed(ILogger logger, string subject, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "journal stream: {Problem}")]
    private static partial void LogDiverged(ILogger logger, string problem);
}
