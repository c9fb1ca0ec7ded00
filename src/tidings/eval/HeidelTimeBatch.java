// Run HeidelTime over many documents in one JVM (the standalone jar's main reads one file and
// costs ~2 s of start-up per call). Launched by tidings.eval.heideltime as a single-file source
// program: java -cp <heideltime jar> HeidelTimeBatch.java <config.props> <manifest>
//
// Each manifest line is: input file TAB document date (YYYY-MM-DD, or empty) TAB output file.
// A document with a date is tagged as news against it (the jar's -t news -dct DATE); one without
// as narrative. The output file receives HeidelTime's TimeML: the unchanged text with <TIMEX3>
// tags inserted. A document that fails gets an output file ending in ".error" with the reason,
// and the batch goes on.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        HeidelTimeStandalone news = null;
        HeidelTimeStandalone narratives = null;
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            Path input = Path.of(fields[0]);
            String dct = fields[1];
            Path output = Path.of(fields[2]);
            try {
                String text = Files.readString(input, StandardCharsets.UTF_8);
                String timeml;
                if (dct.isEmpty()) {
                    if (narratives == null) {
                        narratives = tagger(DocumentType.NARRATIVES, config);
                    }
                    timeml = narratives.process(text);
                } else {
                    if (news == null) {
                        news = tagger(DocumentType.NEWS, config);
                    }
                    Date date = iso.parse(dct);
                    timeml = news.process(text, date);
                }
                Files.writeString(output, timeml, StandardCharsets.UTF_8);
            } catch (Exception error) {
                Path failed = Path.of(output.toString() + ".error");
                Files.writeString(failed, String.valueOf(error), StandardCharsets.UTF_8);
            }
        }
    }

    private static HeidelTimeStandalone tagger(DocumentType type, String config) {
        return new HeidelTimeStandalone(
                Language.ENGLISH, type, OutputType.TIMEML, config, POSTagger.TREETAGGER);
    }
}
