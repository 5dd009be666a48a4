using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Emulator;

/// <summary>Serves the resident-phone page, embedded in the assembly (no CDN, nothing fetched at run time).</summary>
internal static class ResidentPhonePage
{
    private const string ResourceName = "Outreach.Telephony.Emulator.ResidentPhone.html";

    public static IResult Serve()
    {
        var stream = typeof(ResidentPhonePage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        return TypedResults.Stream(stream, "text/html; charset=utf-8");
    }
}
