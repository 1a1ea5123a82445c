using System.Net;
using System.Text;
using System.Text.Json;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>POSTs a JSON text and returns the status and the parsed body (every response of the bridge has one).</summary>
public static class JsonPost
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, string path, string body)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)).RootElement.Clone());
    }
}
