using System.Net;
using Outreach.Testing;

namespace Outreach.EndToEnd;

public sealed class HostSecurityTests(OutreachHost host) : IClassFixture<OutreachHost>
{
    [Fact]
    public async Task Health_answers_200_once_database_and_Hangfire_are_ready()
    {
        using var client = host.CreateAnonymousClient();
        var status = await Eventually.UntilAsync(
            async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode,
            code => code == HttpStatusCode.OK,
            what: "/health to answer 200");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Api_rejects_callers_without_the_key_with_a_problem_document(string? authorization)
    {
        using var client = host.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/residents");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_declares_the_bearer_key()
    {
        using var client = host.CreateAnonymousClient();
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_dashboard_requires_the_street_admin()
    {
        using var anonymous = host.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
        using var admin = host.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
    }
}
