using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Server.Accounts;
using Outreach.Server.Security;

namespace Outreach.Server.Tests.Accounts;

public sealed class ReadOnlyAuditorMiddlewareTests
{
    [Theory]
    [InlineData(StaffRoles.Auditor, "POST", "/api/campaigns", false)]
    [InlineData(StaffRoles.Auditor, "DELETE", "/api/keys/1", false)]
    [InlineData(StaffRoles.Auditor, "POST", "/campaigns/3", false)]
    [InlineData(StaffRoles.Auditor, "GET", "/api/residents", true)]
    [InlineData(StaffRoles.Auditor, "POST", "/logout", true)]
    [InlineData(StaffRoles.Auditor, "POST", "/language", true)]
    [InlineData(StaffRoles.CommunityStaff, "POST", "/api/campaigns", true)]
    [InlineData(StaffRoles.StreetAdmin, "PUT", "/api/knowledge/1", true)]
    public async Task Auditors_may_only_read(string role, string method, string path, bool passes)
    {
        var reached = false;
        var middleware = new ReadOnlyAuditorMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test")),
        };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(passes, reached);
        Assert.Equal(passes ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }
}
