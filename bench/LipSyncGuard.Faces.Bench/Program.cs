using System.Globalization;
using LipSyncGuard.Faces;

// Faces benchmarks and recall tables. Usage: dotnet run -c Release -- speed|recall|tracks [files…]|sampler [clip]
// Shared media are read from LIPSYNC_SHARED_MEDIA or ../shared/media beside the repository.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var media = Environment.GetEnvironmentVariable("LIPSYNC_SHARED_MEDIA") ?? FindMedia();
var mode = args.Length > 0 ? args[0] : "speed";
switch (mode)
{
    case "speed":
        await Bench.SpeedAsync(media);
        break;
    case "recall":
        Bench.Recall(media);
        break;
    case "tracks":
        await Bench.TracksAsync(media, args.Skip(1).ToArray());
        break;
    case "sampler":
        await SamplerBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(media, "avlips", "0_real", "0.mp4"));
        break;
    default:
        Console.Error.WriteLine("usage: speed | recall | tracks FILE… | sampler [CLIP]");
        return 2;
}
return 0;

static string FindMedia()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LipSyncGuard.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "media"));
    }
    throw new DirectoryNotFoundException("shared media not found");
}
