// Loads a glossary with OmegaT's own readers (GlossaryReaderTBX, GlossaryReaderTSV) from
// OmegaT.jar, the way an OmegaT project with source SRC and target TGT would, and prints each
// entry as "source<TAB>target" (one line per target term). A peer check for tmkit's output;
// run as: java -cp /usr/share/omegat/OmegaT.jar OmegaTGlossaryReader.java tbx|tsv FILE SRC TGT
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class OmegaTGlossaryReader {
    public static void main(String[] args) throws Exception {
        File dir = Files.createTempDirectory("omegat-project").toFile();
        ProjectProperties props = new ProjectProperties(dir);
        props.setSourceLanguage(args[2]);
        props.setTargetLanguage(args[3]);
        IProject project = (IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(), new Class<?>[] { IProject.class },
            (proxy, method, margs) -> {
                switch (method.getName()) {
                    case "getProjectProperties": return props;
                    case "isProjectLoaded": return true;
                    case "hashCode": return 1;
                    case "equals": return proxy == margs[0];
                    case "toString": return "tmkit peer-test project";
                    default: return null;
                }
            });
        Core.setProject(project);
        File file = new File(args[1]);
        List<GlossaryEntry> entries = args[0].equals("tbx") ? GlossaryReaderTBX.read(file, false) : GlossaryReaderTSV.read(file, false);
        StringBuilder out = new StringBuilder();
        for (GlossaryEntry e : entries) {
            for (String t : e.getLocTerms(false)) out.append(e.getSrcText()).append('\t').append(t).append('\n');
        }
        System.out.write(out.toString().getBytes("UTF-8"));
        System.out.flush();
    }
}
