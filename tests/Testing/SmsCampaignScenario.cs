using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Outreach.Testing;

namespace Outreach.Testing;

/// <summary>
/// A large SMS campaign driven through the public API: residents imported as CSV with a tag of their own, an SMS
/// notice to that tag launched, and the tally of what the emulator actually received, per recipient.
/// </summary>
/// <param name="numberPrefix">Residents get numbers from this prefix on (a CN mobile prefix), so scenarios can share an archive.</param>
public sealed class SmsCampaignScenario(HttpClient api, string tag, int residents, string numberPrefix = "+86139")
{
    public IReadOnlyList<string> Phones { get; } = Enumerable.Range(0, residents).Select(i => $"{numberPrefix}{i:D8}").ToList();

    /// <summary>Imports the residents into the demo street's 新河社区 and waits for the import job to finish.</summary>
    public async Task ImportAsync()
    {
        var csv = new StringBuilder("name,phone,community,tags\n");
        for (var i = 0; i < Phones.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"居民{i},{Phones[i][3..]},新河社区,{tag}\n");
        }

        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        body.Headers.ContentType = new("text/csv");
        using var response = await api.PostAsync(new Uri("/api/residents/import?fileName=reliability.csv", UriKind.Relative), body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var import = await Eventually.UntilAsync(
            () => GetJsonAsync($"/api/residents/imports/{importId}"),
            i => i.GetProperty("status").GetString() is "Completed" or "Failed",
            TimeSpan.FromMinutes(3),
            "the import to finish");
        if (import.GetProperty("status").GetString() != "Completed" || import.GetProperty("created").GetInt32() != Phones.Count)
        {
            throw new InvalidOperationException($"the import did not create {Phones.Count} residents: {import}");
        }
    }

    /// <summary>Creates an SMS notice to everyone with the tag (no quiet hours) and launches it.</summary>
    public async Task<int> LaunchAsync()
    {
        var id = await CreateAsync();
        await LaunchAsync(id);
        return id;
    }

    /// <summary>Creates an SMS notice to everyone with the tag (no quiet hours), as a draft.</summary>
    public async Task<int> CreateAsync()
    {
        using var create = await api.PostAsJsonAsync("/api/campaigns", new
        {
            name = $"Reliability {tag}",
            notice = new { title = "停水通知 / Water off", body = "12月6日9点至12点停水，请提前储水。", response = "None" },
            audience = $"tags has \"{tag}\"",
            channel = "sms",
            quietHours = new { from = "00:00", until = "00:00" },
        });
        create.EnsureSuccessStatusCode();
        return (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Launches a campaign <see cref="CreateAsync"/> made.</summary>
    public async Task LaunchAsync(int campaignId)
    {
        using var launch = await api.PostAsync(new Uri($"/api/campaigns/{campaignId}/launch", UriKind.Relative), null);
        launch.EnsureSuccessStatusCode();
    }

    public async Task<string?> StatusAsync(int campaignId)
        => (await GetJsonAsync($"/api/campaigns/{campaignId}")).GetProperty("status").GetString();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>How many resident numbers the emulator has seen so far.</summary>
    public static async Task<int> PhonesReachedAsync(HttpClient emulator)
        => (await emulator.GetFromJsonAsync<List<string>>("/emulator/phones"))!.Count;

    /// <summary>When each outbound message to each of <paramref name="phones"/> reached the emulator, as its own store lists them.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>> ReceivedAsync(HttpClient emulator, IEnumerable<string> phones)
    {
        var received = new ConcurrentDictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (phone, token) =>
        {
            var messages = await emulator.GetFromJsonAsync<List<JsonElement>>($"/emulator/phones/{Uri.EscapeDataString(phone)}/messages", token);
            received[phone] = messages!.Where(m => m.GetProperty("direction").GetString() == "outbound-api").Select(m => m.GetProperty("at").GetDateTimeOffset()).ToList();
        });
        return received;
    }
}
