using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Outreach.Telephony.Relay;

/// <summary>Puts the WebSocket middleware first in the pipeline, so the module owns what its relay endpoint needs.</summary>
internal sealed class WebSocketsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Twilio keeps its own connection alive; a ping every 30 s keeps proxies from dropping an idle call.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        next(app);
    };
}
