using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>Polls a GET route until its JSON satisfies a condition, failing the test after the timeout.</summary>
internal static class JsonPoll
{
    public static async Task<JsonElement> UntilAsync(HttpClient http, string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (condition(body))
                    {
                        return body;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // a bridge (re)starting: not answering yet
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{path} never showed what was expected");
            await Task.Delay(50);
        }
    }
}
