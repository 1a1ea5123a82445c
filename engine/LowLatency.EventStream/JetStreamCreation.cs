using NATS.Client.JetStream;

namespace LowLatency.EventStream;

/// <summary>
/// A creation (a stream, a key-value bucket, an object store) that another client may be making at the same moment:
/// the server can answer the loser with "stream name already in use" or "subjects overlap with an existing stream"
/// while the winner's stream comes into being; tried again, the loser finds it and updates it. A loaded server that
/// does not answer in time is asked again too: the creation is idempotent.
/// </summary>
public static class JetStreamCreation
{
    private const int Attempts = 5;
    private const int StreamNameInUse = 10058;
    private const int SubjectsOverlap = 10065;

    public static async Task<T> RacingAsync<T>(Func<Task<T>> create, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(create);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await create().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && (e is NatsJSApiNoResponseException || (e is NatsJSApiException api && api.Error.ErrCode is StreamNameInUse or SubjectsOverlap)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellation).ConfigureAwait(false);
            }
        }
    }
}
