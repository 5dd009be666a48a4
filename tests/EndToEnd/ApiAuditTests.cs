using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Server.Accounts;

namespace Outreach.EndToEnd;

/// <summary>
/// What callers do through the API is in the audit log, as what staff do in the console is: writes that succeeded, and
/// reads that open a resident's record; not searches, not refused requests, and never the query or the body.
/// </summary>
public sealed class ApiAuditTests(OutreachHost host) : IClassFixture<OutreachHost>
{
    [Fact]
    public async Task Api_writes_and_record_reads_are_audited_with_route_and_path_refusals_and_searches_are_not()
    {
        using var api = host.CreateAdminClient();
        const string phone = "13700137001";
        using (var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"name,phone,community\n审计测试,{phone},新河社区\n")))
        {
            csv.Headers.ContentType = new("text/csv");
            using var imported = await api.PostAsync(new Uri("/api/residents/import?fileName=audit.csv", UriKind.Relative), csv);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        var found = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/residents?phone=%2B86{phone}", UriKind.Relative));
        var id = found.GetProperty("items")[0].GetProperty("id").GetInt32();
        (await api.GetAsync(new Uri($"/api/residents/{id}", UriKind.Relative))).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/residents/{id}/notes", new { text = "来电询问停水时间" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/residents/999999/notes", new { text = "x" })).StatusCode);
        using var anonymous = host.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/residents/{id}/notes", new { text = "x" })).StatusCode);

        await using var scope = host.Services.CreateAsyncScope();
        var entries = (await scope.ServiceProvider.GetRequiredService<StaffAuditLog>().ListAsync("admin-api-key", 1000, CancellationToken.None))
            .Where(e => e.Action.StartsWith("api ", StringComparison.Ordinal)).Reverse().ToList();
        var mine = entries.SkipWhile(e => e.Action != "api POST /api/residents/import").Select(e => $"{e.Action} {e.Target} {e.Detail}").ToList();
        Assert.Equal(
        [
            "api POST /api/residents/import /api/residents/import 200",
            $"api GET /api/residents/{{id:int}} /api/residents/{id} 200",
            $"api POST /api/residents/{{id:int}}/notes /api/residents/{id}/notes 201",
        ],
        mine);
        Assert.DoesNotContain(entries, e => (e.Target ?? string.Empty).Contains(phone, StringComparison.Ordinal) || (e.Target ?? string.Empty).Contains("999999", StringComparison.Ordinal));
    }
}
