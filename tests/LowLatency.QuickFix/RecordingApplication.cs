using System.Text;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.QuickFix;

/// <summary>Keeps what a session delivered, as text (SOH shown as '|'), and lets a test wait for it: our side of a counterparty session.</summary>
public sealed class RecordingApplication : IFixApplication
{
    private readonly List<string> _messages = [];
    private readonly List<string> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) { return [.. _messages]; } }
    }

    public IReadOnlyList<string> Events
    {
        get { lock (_messages) { return [.. _events]; } }
    }

    public void OnLogon(FixSession session) => Add(_events, "logon");

    public void OnLogout(FixSession session, string reason) => Add(_events, "logout: " + reason);

    public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
    {
        Add(_messages, Text(message));
    }

    public void OnSessionReject(FixSession session, long refSeq, string text) => Add(_events, $"reject {refSeq}: {text}");

    /// <summary>Whether a ResendRequest gets our application messages again (false: each is gap-filled).</summary>
    public bool ResendAllowed { get; set; } = true;

    public bool ShouldResend(FixSession session, in FixMessageView message, long seq)
    {
        Add(_events, $"resend {seq}? {ResendAllowed}");
        return ResendAllowed;
    }

    /// <summary>Waits until a delivered message satisfies every fragment (e.g. "35=8|", "39=2|"); returns it.</summary>
    public async Task<string> WaitForMessageAsync(TimeSpan timeout, params string[] fragments)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Messages.FirstOrDefault(m => fragments.All(m.Contains));
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no message with {string.Join(", ", fragments)} within {timeout}; got: {string.Join(" ;; ", Messages)}; events: {string.Join(" ;; ", Events)}");
            }

            await Changed(left).ConfigureAwait(false);
        }
    }

    public async Task<string> WaitForEventAsync(TimeSpan timeout, string fragment)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Events.FirstOrDefault(e => e.Contains(fragment, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no event '{fragment}' within {timeout}; events: {string.Join(" ;; ", Events)}");
            }

            await Changed(left).ConfigureAwait(false);
        }
    }

    private static string Text(in FixMessageView message)
    {
        var text = new StringBuilder();
        var position = 0;
        while (message.TryReadField(ref position, out var tag, out var value))
        {
            text.Append(tag).Append('=').Append(Encoding.ASCII.GetString(value)).Append('|');
        }

        return text.ToString();
    }

    private Task<Task> Changed(TimeSpan left)
    {
        lock (_messages)
        {
            return Task.WhenAny(_changed.Task, Task.Delay(left));
        }
    }

    private void Add(List<string> list, string item)
    {
        TaskCompletionSource changed;
        lock (_messages)
        {
            list.Add(item);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
