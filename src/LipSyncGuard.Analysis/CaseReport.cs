using System.Globalization;
using System.Reflection;
using System.Text;
using static System.Net.WebUtility;

namespace LipSyncGuard.Analysis;

/// <summary>One self-contained HTML file a person can file with a case: the file's identity, what the media layer saw, the
/// verdict and its reasons, per-face thumbnails, the timeline chart (inline SVG), the evidence strips and lip curves, the
/// thresholds, the model and its limits, and when and by what version the analysis ran. No scripts, no links to load:
/// images are data URLs, so it opens offline and prints to PDF as it looks.</summary>
public static class CaseReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The version of the analysis engine (the assembly's informational version).</summary>
    public static string EngineVersion { get; } =
        typeof(CaseReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Renders <paramref name="result"/> (analysed by the engine whose card is <paramref name="card"/>) as HTML.</summary>
    public static string Render(AnalysisResult result, ModelCard card, DateTimeOffset createdUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(card);
        var html = new StringBuilder(64 * 1024);
        var name = result.File?.Name ?? "(unnamed)";
        html.Append(Inv, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>LipSyncGuard case report: {HtmlEncode(name)}</title>
            <style>{Style}</style></head><body>
            <h1>Lip-sync case report</h1>
            <p class="meta">Generated {createdUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by LipSyncGuard {HtmlEncode(EngineVersion)}</p>
            <div class="verdict {Css(result.Verdict)}">{Headline(result)}</div>
            """);
        AppendReasons(html, result.Reasons);
        html.Append("<h2>File</h2><table class=\"facts\">");
        Row(html, "name", name);
        Row(html, "size", result.File is { } f ? string.Create(Inv, $"{f.SizeBytes:N0} bytes") : "–");
        Row(html, "SHA-256", result.File?.Sha256 ?? "–");
        var v = result.Video;
        Row(html, "media", string.Create(Inv, $"{v.Format ?? "?"} / {v.Codec ?? "?"}, {v.Width}×{v.Height}, {v.Fps:0.##} fps, audio {(v.HasAudio ? "yes" : "no")}"));
        Row(html, "duration", string.Create(Inv, $"{v.DurationS:0.00} s claimed, {v.AnalysedS:0.00} s analysed"));
        Row(html, "compression", v.BitsPerPixel is { } bpp ? string.Create(Inv, $"{bpp:0.000} bits per pixel") : "–");
        html.Append("</table>");

        html.Append("<h2>Timeline</h2>");
        html.Append(Timeline(result));
        html.Append("<p class=\"legend\">Manipulation probability per 1 s window of each selected face. Filled: judged; hollow: the face was not judged there (no speech, or someone else speaks). Dashed lines: the thresholds.</p>");

        html.Append("<h2>Faces</h2>");
        foreach (var face in result.Faces) AppendFace(html, face);

        html.Append("<h2>How this was decided</h2><table class=\"facts\">");
        var t = result.Thresholds ?? VerdictThresholds.At(result.Threshold);
        var point = result.OperatingPoint is { } pointName ? $"operating point {pointName}: " : "";
        Row(html, "thresholds", string.Create(Inv, $"{point}manipulated at ≥ {t.Manipulated:0.000}; inconclusive from {t.Inconclusive:0.000}"));
        Row(html, "model", $"{card.Name} {card.Version} (mode {card.Mode})");
        Row(html, "what it does", card.Description);
        Row(html, "fitted with", card.Provenance);
        html.Append("</table><h3>Limitations, in plain words</h3><ul>");
        foreach (var limit in Limitations(card)) html.Append("<li>").Append(HtmlEncode(limit)).Append("</li>");
        html.Append("</ul><h3>Components</h3><ul>");
        foreach (var component in card.Components) html.Append("<li>").Append(HtmlEncode(component)).Append("</li>");
        html.Append("</ul>");
        html.Append(Inv, $"<p class=\"meta\">Processing took {result.ProcessingMs:N0} ms. A verdict is evidence for a person to weigh, not proof.</p></body></html>");
        return html.ToString();
    }

    private static string Headline(AnalysisResult r) => r.Verdict switch
    {
        Verdict.Manipulated => string.Create(Inv, $"Likely manipulated (manipulation probability {r.ManipulationProbability:0.00})"),
        Verdict.Inconclusive => string.Create(Inv, $"Inconclusive (manipulation probability {r.ManipulationProbability:0.00})"),
        Verdict.Consistent => string.Create(Inv, $"Consistent with the speech (manipulation probability {r.ManipulationProbability:0.00})"),
        _ => "Not judged",
    };

    private static string Css(Verdict verdict) => verdict switch
    {
        Verdict.Manipulated => "fake",
        Verdict.Consistent => "real",
        Verdict.Inconclusive => "unsure",
        _ => "none",
    };

    private static void AppendReasons(StringBuilder html, IReadOnlyList<Reason> reasons)
    {
        if (reasons.Count == 0) return;
        html.Append("<ul class=\"reasons\">");
        foreach (var r in reasons) html.Append("<li><code>").Append(HtmlEncode(r.Code)).Append("</code> ").Append(HtmlEncode(r.Message)).Append("</li>");
        html.Append("</ul>");
    }

    private static void AppendFace(StringBuilder html, FaceResult face)
    {
        html.Append("<section class=\"face\">");
        if (face.Thumbnail is { } thumb) html.Append("<img class=\"thumb\" alt=\"face\" src=\"").Append(HtmlEncode(thumb)).Append("\">");
        html.Append(Inv, $"<h3>{(face.Fallback ? "Centre crop" : $"Face #{face.TrackId}")}{(face.Selected ? " (selected)" : "")}: <span class=\"{Css(face.Verdict)}\">{Label(face.Verdict)}</span></h3>");
        html.Append(Inv, $"<p>{face.StartS:0.00}–{face.EndS:0.00} s on screen, {face.AnalysedS:0.00} s judged · manipulation {P(face.ManipulationProbability)} · detector {P(face.DetectorProbability)} · sync score {P(face.SyncScore)} · AV offset {(face.AvOffsetMs is { } ms ? string.Create(Inv, $"{ms:+0;-0;0} ms") : "–")} · texture {P(face.TextureProbability)} · cue {HtmlEncode(face.Cue)}</p>");
        AppendReasons(html, face.Reasons);
        foreach (var w in face.Flagged)
        {
            html.Append(Inv, $"<div class=\"evidence\"><p><b>{w.StartS:0.00}–{w.EndS:0.00} s</b> · {w.ManipulationProbability:0.00} · cue {HtmlEncode(w.Cue)} · sync {P(w.SyncScore)} · offset {(w.AvOffsetMs is { } o ? string.Create(Inv, $"{o:+0;-0;0} ms") : "–")}</p>");
            if (w.MouthStrip is { } strip) html.Append("<img class=\"strip\" alt=\"mouth crops\" src=\"").Append(HtmlEncode(strip)).Append("\">");
        html.Append("<p class=\"check\">").Append(HtmlEncode(w.Check)).Append("</p></div>");
        }
        if (face.LipCurve is { Opening.Count: > 1 } curve) html.Append(LipChart(curve));
        html.Append("</section>");
    }

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Manipulated => "manipulated",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Consistent => "consistent",
        _ => "not judged",
    };

    private static string P(double? p) => p is { } v ? v.ToString("0.00", Inv) : "–";

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(HtmlEncode(key)).Append("</th><td>").Append(HtmlEncode(value)).Append("</td></tr>");

    private static string Timeline(AnalysisResult result)
    {
        const double W = 860, H = 200, Left = 40, Top = 10, Bottom = 24;
        var duration = Math.Max(result.Video.DurationS, 0.001);
        double X(double s) => Left + ((W - Left - 10) * s / duration);
        double Y(double p) => Top + ((1 - p) * (H - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg class=\"timeline\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"timeline\">");
        foreach (var p in new[] { 0.0, 0.5, 1.0 })
            svg.Append(Inv, $"<line x1=\"{Left}\" x2=\"{W}\" y1=\"{Y(p):0.#}\" y2=\"{Y(p):0.#}\" stroke=\"#ddd\"/><text x=\"4\" y=\"{Y(p) + 4:0.#}\" font-size=\"11\">{p:0.0}</text>");
        var t = result.Thresholds ?? VerdictThresholds.At(result.Threshold);
        foreach (var p in new[] { t.Inconclusive, t.Manipulated }.Distinct())
            svg.Append(Inv, $"<line x1=\"{Left}\" x2=\"{W}\" y1=\"{Y(p):0.#}\" y2=\"{Y(p):0.#}\" stroke=\"#b33\" stroke-dasharray=\"4 3\"/>");
        string[] colours = ["#2f6fed", "#d9480f", "#2b8a3e", "#862e9c", "#e67700"];
        var k = 0;
        foreach (var face in result.Faces.Where(f => f.Selected))
        {
            var colour = colours[k++ % colours.Length];
            foreach (var w in face.Timeline)
            {
                if (w.ManipulationProbability is not { } p) continue;
                var x0 = X(w.StartS);
                var width = Math.Max(1.5, (X(w.EndS) - x0) / 2);
                var fill = w.Judged ? colour : "none";
                svg.Append(Inv, $"<rect x=\"{x0:0.#}\" y=\"{Y(p):0.#}\" width=\"{width:0.#}\" height=\"{Y(0) - Y(p):0.#}\" fill=\"{fill}\" fill-opacity=\"0.6\" stroke=\"{colour}\"><title>face {face.TrackId} {w.StartS:0.00}–{w.EndS:0.00} s: {p:0.00}{(w.Judged ? "" : " (not judged)")}</title></rect>");
            }
        }
        svg.Append(Inv, $"<text x=\"{Left}\" y=\"{H - 6}\" font-size=\"11\">0 s</text><text x=\"{W - 50}\" y=\"{H - 6}\" font-size=\"11\">{duration:0.0} s</text></svg>");
        return svg.ToString();
    }

    private static string LipChart(LipCurve curve)
    {
        const double W = 860, H = 90;
        var n = curve.Opening.Count;
        var max = Math.Max(0.05, curve.Opening.Max(o => o ?? 0));
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg class=\"lips\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"lip opening against speech\">");
        // Speech as a grey band, the lip opening as a line: the lips should open where the band is.
        for (var i = 0; i < n; i++)
            if (curve.Speech[i] >= 0.5) svg.Append(Inv, $"<rect x=\"{i * W / n:0.#}\" y=\"0\" width=\"{(W / n) + 0.5:0.##}\" height=\"{H}\" fill=\"#e8ecf3\"/>");
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < n; i++)
        {
            if (curve.Opening[i] is not { } o) { pen = false; continue; }
            path.Append(Inv, $"{(pen ? 'L' : 'M')}{i * W / n:0.#},{H - 4 - ((H - 8) * o / max):0.#} ");
            pen = true;
        }
        svg.Append(Inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"#1d2330\" stroke-width=\"1.2\"/></svg>");
        svg.Append(Inv, $"<p class=\"legend\">Lip opening (line) against speech (shaded), {curve.StartS:0.00} s to {curve.StartS + (n / curve.Fps):0.00} s.</p>");
        return svg.ToString();
    }

    private static IEnumerable<string> Limitations(ModelCard card)
    {
        if (card.Detector?.Limitations is { Count: > 0 } limits) return limits;
        if (card.Cues?.Limitations is { Count: > 0 } weakSpots) return weakSpots;
        return [card.Description];
    }

    private const string Style = """
        body{font-family:system-ui,sans-serif;color:#1d2330;max-width:900px;margin:1rem auto;padding:0 1rem}
        h1{margin-bottom:.2rem}.meta,.legend{color:#5b6475;font-size:.85rem}
        .verdict{font-size:1.5rem;font-weight:700;padding:.8rem 1rem;border-radius:8px;margin:1rem 0}
        .verdict.real{background:#e3f6e8;color:#16602b}.verdict.fake{background:#fde8e8;color:#8a1c1c}
        .verdict.unsure{background:#fff4db;color:#7a5600}.verdict.none{background:#eceef2;color:#39404d}
        span.real{color:#16602b}span.fake{color:#8a1c1c}span.unsure{color:#7a5600}span.none{color:#5b6475}
        table.facts{border-collapse:collapse}table.facts th{text-align:left;padding:.2rem 1rem .2rem 0;color:#5b6475;vertical-align:top}
        table.facts td{word-break:break-all}.reasons code{background:#eceef2;padding:0 .3rem;border-radius:4px}
        .face{border-top:1px solid #ddd;padding:.5rem 0;break-inside:avoid}.thumb{float:right;width:96px;height:96px;border-radius:6px}
        .evidence{margin:.4rem 0 .8rem}.strip{max-width:100%;image-rendering:pixelated}.check{font-style:italic;margin:.2rem 0}
        svg{width:100%;height:auto;background:#fff}
        @media print{body{margin:0}.face{page-break-inside:avoid}}
        """;
}
