using System.Text;

namespace LowLatency.Bridge.Alerts;

/// <summary>
/// Delivers an alert to a webhook: HTTP POST of the JSON, retried on a failure or a 5xx with exponential back-off
/// (0.5 s, 1 s, 2 s …) up to <see cref="Attempts"/> tries, each bounded by <see cref="Timeout"/>. Every delivery
/// is its own task, so a slow or failing webhook never holds up another.
/// </summary>
public sealed class WebhookSender(HttpClient http)
{
    public const int Attempts = 4;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether it was delivered, after how many attempts, and the last status or error.</summary>
    public async Task<(bool Delivered, int Attempts, string Last)> SendAsync(string url, string json, CancellationToken cancellation)
    {
        var last = "";
        var backoff = FirstBackoff;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(Timeout);
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(url), content, timeout.Token).ConfigureAwait(false);
                last = $"HTTP {(int)response.StatusCode}";
                if (response.IsSuccessStatusCode)
                {
                    return (true, attempt, last);
                }

                if ((int)response.StatusCode < 500 && (int)response.StatusCode != 429)
                {
                    return (false, attempt, last); // the receiver refuses it: retrying will not help
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                last = e is TaskCanceledException ? $"timed out after {Timeout.TotalSeconds:0} s" : e.Message;
            }

            if (attempt < Attempts)
            {
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                backoff *= 2;
            }
        }

        return (false, Attempts, last);
    }
}
