"""The demo region's public content in Spanish, keyed by its English: demo/pathways.py and the
demo's agenda and indicators set each record's Spanish from it."""

SPANISH = {
    "Advanced manufacturing": "Manufactura avanzada",
    "Manufacturing (NAICS 31–33): machining, production and maintenance in the region's plants.": (
        "Manufactura (NAICS 31–33): mecanizado, producción y mantenimiento en las plantas de "
        "la región."
    ),
    "Healthcare": "Atención médica",
    "Health care and social assistance (62): hospitals, clinics and long-term care.": (
        "Atención médica y asistencia social (62): hospitales, clínicas y cuidados a largo plazo."
    ),
    "Information technology": "Tecnología de la información",
    (
        "Software publishers (5132; 5112 before NAICS 2022), computer systems design (5415), "
        "and computing infrastructure, data processing and hosting (518)."
    ): (
        "Editores de software (5132; 5112 antes de NAICS 2022), diseño de sistemas "
        "informáticos (5415) e infraestructura informática, procesamiento de datos y "
        "alojamiento web (518)."
    ),
    "Life sciences and biomanufacturing": "Ciencias de la vida y biomanufactura",
    (
        "Pharmaceutical and medicine manufacturing (3254) and scientific research and "
        "development (5417): the Research Triangle's biomanufacturing plants and labs."
    ): (
        "Fabricación de productos farmacéuticos y medicamentos (3254) e investigación y "
        "desarrollo científicos (5417): las plantas de biomanufactura y los laboratorios del "
        "Research Triangle."
    ),
    "Advanced Manufacturing": "Manufactura avanzada",
    "Agriculture": "Agricultura",
    "Arts, Entertainment & Design": "Artes, entretenimiento y diseño",
    "Construction": "Construcción",
    "Digital Technology": "Tecnología digital",
    "Education": "Educación",
    "Energy & Natural Resources": "Energía y recursos naturales",
    "Financial Services": "Servicios financieros",
    "Healthcare & Human Services": "Atención médica y servicios humanos",
    "Hospitality, Events & Tourism": "Hotelería, eventos y turismo",
    "Management & Entrepreneurship": "Administración y emprendimiento",
    "Marketing & Sales": "Mercadeo y ventas",
    "Public Service & Safety": "Servicio público y seguridad",
    "Supply Chain & Transportation": "Cadena de suministro y transporte",
    "Advanced manufacturing: machining": "Manufactura avanzada: mecanizado",
    (
        "From a plant tour to CNC operation, a registered apprenticeship and a supervisor's "
        "job. (Demo pathway.)"
    ): (
        "Desde una visita a una planta hasta la operación de máquinas CNC, un programa de "
        "aprendizaje registrado y un puesto de supervisor. (Trayectoria de demostración.)"
    ),
    "Biomanufacturing": "Biomanufactura",
    (
        "From a first lab visit to process, lab and scientist jobs in the region's "
        "biomanufacturing plants; short BioWork training stacks into a degree. (Demo "
        "pathway.)"
    ): (
        "Desde una primera visita a un laboratorio hasta empleos de procesos, de laboratorio "
        "y de científico en las plantas de biomanufactura de la región; la capacitación "
        "corta de BioWork se acumula en un título. (Trayectoria de demostración.)"
    ),
    "Nursing and health sciences": "Enfermería y ciencias de la salud",
    (
        "The nursing ladder, from nurse aide to registered nurse and a bachelor's degree, "
        "with a job at every rung. (Demo pathway.)"
    ): (
        "La escalera de la enfermería, de auxiliar de enfermería a enfermero registrado y a "
        "una licenciatura, con un empleo en cada peldaño. (Trayectoria de demostración.)"
    ),
    "Software and information technology": "Software y tecnología de la información",
    (
        "From a first coding class to IT support, networking and software development; "
        "industry certifications count toward an IT degree. (Demo pathway.)"
    ): (
        "Desde una primera clase de programación hasta soporte de TI, redes y desarrollo de "
        "software; las certificaciones de la industria cuentan para un título en TI. "
        "(Trayectoria de demostración.)"
    ),
    "Manufacturing Day plant tours": (
        "Visitas a plantas en el Día de la Manufactura (Manufacturing Day)"
    ),
    "Students tour local plants each October.": (
        "Los estudiantes visitan plantas locales cada octubre."
    ),
    "Advanced Manufacturing CTE courses in high school": (
        "Cursos de CTE de manufactura avanzada en la escuela secundaria"
    ),
    "Machining Technology": "Tecnología de mecanizado",
    "Prepares for the NIMS machining credentials.": (
        "Prepara para las credenciales de mecanizado de NIMS."
    ),
    "CNC tool operator": "Operador de herramientas CNC",
    "Machinist": "Maquinista",
    "Career coaching and a training account": (
        "Orientación profesional y una cuenta de capacitación"
    ),
    "Machinist registered apprenticeship": "Programa de aprendizaje registrado de maquinista",
    "Paid on-the-job training with an employer and related instruction at the college.": (
        "Capacitación pagada en el trabajo con un empleador e instrucción relacionada en el "
        "colegio comunitario."
    ),
    "Production supervisor": "Supervisor de producción",
    "Biotech lab visits and summer camp": (
        "Visitas a laboratorios de biotecnología y campamento de verano"
    ),
    "Hands-on lab days and plant tours for middle and high school students.": (
        "Días prácticos de laboratorio y visitas a plantas para estudiantes de escuela "
        "intermedia y secundaria."
    ),
    "Biotechnology CTE courses in high school": (
        "Cursos de CTE de biotecnología en la escuela secundaria"
    ),
    "BioWork Process Technician": "Técnico de procesos BioWork",
    "A short course in good manufacturing practice, process operations and safety.": (
        "Un curso corto sobre buenas prácticas de manufactura, operaciones de proceso y seguridad."
    ),
    "Process technician": "Técnico de procesos",
    "Entry-level production jobs with the chamber's biomanufacturing employers.": (
        "Empleos de producción de nivel inicial con los empleadores de biomanufactura de la "
        "cámara de comercio."
    ),
    "Pharmaceutical Sciences bachelor's degree": "Licenciatura en ciencias farmacéuticas",
    "Career Readiness Certificate and career coaching": (
        "Certificado de preparación laboral y orientación profesional"
    ),
    "Career coaching at NCWorks and the WorkKeys-based Career Readiness Certificate.": (
        "Orientación profesional en NCWorks y el certificado de preparación laboral (Career "
        "Readiness Certificate) basado en WorkKeys."
    ),
    "Biotechnology associate degree": "Título de asociado en biotecnología",
    "BioWork counts toward the degree.": "El curso BioWork cuenta para el título.",
    "Biological technician": "Técnico en biología",
    "Research and quality scientist": "Científico de investigación y calidad",
    "Health careers day and job shadowing": "Día de carreras de la salud y observación laboral",
    "Students shadow nurses and technicians for a day.": (
        "Los estudiantes acompañan y observan a enfermeros y técnicos durante un día."
    ),
    "Health Science CTE courses in high school": (
        "Cursos de CTE de ciencias de la salud en la escuela secundaria"
    ),
    "Nurse Aide I": "Auxiliar de enfermería I",
    "Leads to listing on the North Carolina Nurse Aide I Registry.": (
        "Permite figurar en el registro de auxiliares de enfermería I de Carolina del Norte "
        "(North Carolina Nurse Aide I Registry)."
    ),
    "Nursing assistant": "Asistente de enfermería",
    "RN to BSN": "De RN a BSN",
    "For working registered nurses.": "Para enfermeros registrados que ya trabajan.",
    "WIOA pays for nurse aide or nursing training for eligible adults.": (
        "WIOA paga la capacitación de auxiliar de enfermería o de enfermería para los "
        "adultos que reúnen los requisitos."
    ),
    "Practical Nursing": "Enfermería práctica",
    "Licensed practical nurse": "Enfermero práctico con licencia",
    "Associate Degree Nursing": "Título de asociado en enfermería",
    "Registered nurse": "Enfermero registrado",
    "Computer science exploration in middle school": (
        "Exploración de ciencias de la computación en la escuela intermedia"
    ),
    "Computer Science and IT CTE courses in high school": (
        "Cursos de CTE de ciencias de la computación y TI en la escuela secundaria"
    ),
    "IT Support Technician certificate (CompTIA A+)": (
        "Certificado de técnico de soporte de TI (CompTIA A+)"
    ),
    "Computer user support specialist": (
        "Especialista en soporte técnico para usuarios de computadoras"
    ),
    "Computer Science bachelor's degree": "Licenciatura en ciencias de la computación",
    "NCWorks NextGen for young adults": "NCWorks NextGen para adultos jóvenes",
    "Coaching, work experience and paid training for 16- to 24-year-olds out of school or work.": (
        "Orientación, experiencia laboral y capacitación pagada para jóvenes de 16 a 24 años "
        "que no estudian o no trabajan."
    ),
    "Information Technology associate degree": "Título de asociado en tecnología de la información",
    "A+ and Network+ count toward the degree.": (
        "Las certificaciones A+ y Network+ cuentan para el título."
    ),
    "Computer network support specialist": "Especialista en soporte de redes informáticas",
    "Software developer": "Desarrollador de software",
    (
        "Ask your school counselor to add the course when you choose next year's classes "
        "(usually in February). There is no cost and no test."
    ): (
        "Pídale a su consejero escolar que agregue el curso cuando elija las clases del "
        "próximo año (por lo general, en febrero). No tiene costo ni requiere examen."
    ),
    "Advanced Manufacturing CTE courses": "Cursos de CTE de manufactura avanzada",
    "Demo listing: length and cost are examples, not the provider's.": (
        "Listado de demostración: la duración y el costo son ejemplos, no los del proveedor."
    ),
    (
        "Apply online to the college (free), then meet an advisor to choose your first "
        "classes. Financial aid and Career and College Promise (free classes for high school "
        "students) are explained at the advising center."
    ): (
        "Presente su solicitud en línea al colegio comunitario (es gratis) y luego reúnase "
        "con un asesor para elegir sus primeras clases. En el centro de asesoría le explican "
        "la ayuda financiera y Career and College Promise (clases gratuitas para estudiantes "
        "de escuela secundaria)."
    ),
    "Associate Degree Nursing (A.A.S.)": "Título de asociado en enfermería (A.A.S.)",
    "Biotechnology (A.A.S.)": "Biotecnología (A.A.S.)",
    "Biotechnology and Agriscience Research CTE courses": (
        "Cursos de CTE de biotecnología e investigación en ciencias agrícolas"
    ),
    (
        "Visit or call the NCWorks Career Center: a career advisor checks whether you "
        "qualify (WIOA) and helps you choose training. There is no cost to you."
    ): (
        "Visite o llame al NCWorks Career Center: un asesor profesional verifica si usted "
        "reúne los requisitos (WIOA) y le ayuda a elegir una capacitación. No tiene ningún "
        "costo para usted."
    ),
    "Career services and training accounts for adults (WIOA)": (
        "Servicios de orientación profesional y cuentas de capacitación para adultos (WIOA)"
    ),
    (
        "Apply through the university's admissions office; transfer students from Durham "
        "Tech send their transcripts and meet a transfer counselor."
    ): (
        "Presente su solicitud a través de la oficina de admisiones de la universidad; los "
        "estudiantes que se transfieren desde Durham Tech envían su historial académico "
        "(transcripts) y se reúnen con un consejero de transferencias."
    ),
    "Computer Science (B.S.)": "Ciencias de la computación (B.S.)",
    "Computer Science and Information Technology CTE courses": (
        "Cursos de CTE de ciencias de la computación y tecnología de la información"
    ),
    "Health Science CTE courses": "Cursos de CTE de ciencias de la salud",
    "IT Support Technician (certificate)": "Técnico de soporte de TI (certificado)",
    "Information Technology (A.A.S.)": "Tecnología de la información (A.A.S.)",
    "Machining Technology (diploma)": "Tecnología de mecanizado (diploma)",
    "Medical Assisting (diploma)": "Asistencia médica (diploma)",
    "NCWorks NextGen youth program (WIOA)": "Programa juvenil NCWorks NextGen (WIOA)",
    "Pharmaceutical Sciences (B.S.)": "Ciencias farmacéuticas (B.S.)",
    "Practical Nursing (diploma)": "Enfermería práctica (diploma)",
    "RN to BSN (B.S.N.)": "De RN a BSN (B.S.N.)",
    "Associate Degree in Nursing (ADN)": "Título de asociado en enfermería (ADN)",
    "Associate in Applied Science, Biotechnology": (
        "Título de asociado en ciencias aplicadas, biotecnología"
    ),
    "Associate in Applied Science, Information Technology": (
        "Título de asociado en ciencias aplicadas, tecnología de la información"
    ),
    "Bachelor of Science in Nursing (BSN)": "Licenciatura en enfermería (BSN)",
    "Bachelor of Science, Computer Science": "Licenciatura en ciencias de la computación (B.S.)",
    "Bachelor of Science, Pharmaceutical Sciences": "Licenciatura en ciencias farmacéuticas (B.S.)",
    "BioWork Process Technician certificate": "Certificado de técnico de procesos BioWork",
    "Certified Clinical Medical Assistant (CCMA)": "Asistente médico clínico certificado (CCMA)",
    "CompTIA A+": "CompTIA A+",
    "CompTIA Network+": "CompTIA Network+",
    "Diploma, Machining Technology": "Diploma en tecnología de mecanizado",
    "Journeyworker certificate, Machinist": (
        "Certificado de oficial calificado (journeyworker), maquinista"
    ),
    "Licensed Practical Nurse (LPN)": "Enfermero práctico con licencia (LPN)",
    "NCWorks Career Readiness Certificate": (
        "Certificado de preparación laboral de NCWorks (Career Readiness Certificate)"
    ),
    "NIMS Machining Level I": "Mecanizado nivel I de NIMS",
    "Nurse Aide I (CNA)": "Auxiliar de enfermería I (CNA)",
    "Registered Nurse (RN)": "Enfermero registrado (RN)",
    "Durham Pathways Partnership: common agenda (demo)": (
        "Durham Pathways Partnership: agenda común (demostración)"
    ),
    (
        "Every young person and adult in the Durham region finishes high school, earns a "
        "credential that employers value, and starts a career with a family-sustaining wage "
        "by age 25 — in life sciences, healthcare, information technology and advanced "
        "manufacturing, the sectors where the region is growing.\n\n"
        "*Demo agenda: the goals and targets below are examples, not the partnership's.*"
    ): (
        "Cada joven y cada adulto de la región de Durham termina la escuela secundaria, "
        "obtiene una credencial que los empleadores valoran y comienza, a más tardar a los "
        "25 años, una carrera con un salario que permite mantener a una familia — en "
        "ciencias de la vida, atención médica, tecnología de la información y manufactura "
        "avanzada, los sectores en los que la región está creciendo.\n\n"
        "*Agenda de demostración: las metas y los objetivos que siguen son ejemplos, no los "
        "de la alianza.*"
    ),
    "Students graduate ready for college and career": (
        "Los estudiantes se gradúan preparados para la universidad y una carrera profesional"
    ),
    (
        "Every student finishes high school having explored careers, earned early college "
        "credit or an industry credential, and taken part in **work-based learning**."
    ): (
        "Cada estudiante termina la escuela secundaria habiendo explorado carreras, obtenido "
        "créditos universitarios tempranos o una credencial de la industria, y participado "
        "en **aprendizaje basado en el trabajo**."
    ),
    "Youth and adults earn credentials that employers value": (
        "Jóvenes y adultos obtienen credenciales que los empleadores valoran"
    ),
    "Completion of credentials that lead to jobs in the region's high-growth sectors.": (
        "Obtención de credenciales que conducen a empleos en los sectores de alto "
        "crecimiento de la región."
    ),
    "People start careers with family-sustaining wages": (
        "Las personas comienzan carreras con salarios que permiten mantener a una familia"
    ),
    "Placement in employment and earnings after programs end.": (
        "Colocación laboral e ingresos después de que terminan los programas."
    ),
    "The partnership works as one network": "La alianza trabaja como una sola red",
    "Partners report on time and work across sectors: the systems that make pathways last.": (
        "Los socios presentan sus informes a tiempo y colaboran entre sectores: los sistemas "
        "que hacen que las trayectorias perduren."
    ),
    (
        "Percentage of CTE concentrators who graduate high school, as measured by the "
        "four-year adjusted cohort graduation rate defined in ESEA sec. 8101. A secondary "
        "CTE concentrator is a student who has completed at least two courses in a single "
        "CTE program or program of study. (Demo figures: not real data.)"
    ): (
        "Porcentaje de concentradores de CTE que se gradúan de la escuela secundaria, según "
        "la tasa de graduación ajustada por cohorte de cuatro años definida en la sección "
        "8101 de la ESEA. Un concentrador de CTE de secundaria es un estudiante que ha "
        "completado al menos dos cursos de un mismo programa o programa de estudios de CTE. "
        "(Cifras de demostración: no son datos reales.)"
    ),
    "1S1 Four-year graduation rate of CTE concentrators (Perkins V)": (
        "1S1 Tasa de graduación en cuatro años de los concentradores de CTE (Perkins V)"
    ),
    (
        "At the state's discretion, the percentage of CTE concentrators who graduate high "
        "school as measured by the extended-year adjusted cohort graduation rate defined in "
        "ESEA sec. 8101 (five or more years, as the state sets). (Demo figures: not real "
        "data.)"
    ): (
        "A criterio del estado, porcentaje de concentradores de CTE que se gradúan de la "
        "escuela secundaria según la tasa de graduación ajustada por cohorte de plazo "
        "extendido definida en la sección 8101 de la ESEA (cinco o más años, según lo fije "
        "el estado). (Cifras de demostración: no son datos reales.)"
    ),
    "1S2 Extended graduation rate of CTE concentrators (Perkins V)": (
        "1S2 Tasa de graduación extendida de los concentradores de CTE (Perkins V)"
    ),
    (
        "CTE concentrator proficiency in the state's challenging academic standards for "
        "reading/language arts, as measured by the high school assessment under ESEA sec. "
        "1111(b)(2): the percentage of tested concentrators scoring proficient or above. The "
        "state defines which concentrators form the cohort and which test administration "
        "counts. (Demo figures: not real data.)"
    ): (
        "Competencia de los concentradores de CTE en los exigentes estándares académicos del "
        "estado en lectura/artes del lenguaje, según la evaluación de escuela secundaria "
        "prevista en la sección 1111(b)(2) de la ESEA: porcentaje de concentradores "
        "evaluados que obtienen un resultado de competente o superior. El estado define qué "
        "concentradores forman la cohorte y qué aplicación de la prueba cuenta. (Cifras de "
        "demostración: no son datos reales.)"
    ),
    "2S1 Academic proficiency in reading/language arts of CTE concentrators (Perkins V)": (
        "2S1 Competencia académica en lectura/artes del lenguaje de los concentradores de "
        "CTE (Perkins V)"
    ),
    (
        "CTE concentrator proficiency in the state's challenging academic standards for "
        "mathematics, as measured by the high school assessment under ESEA sec. 1111(b)(2): "
        "the percentage of tested concentrators scoring proficient or above. The state "
        "defines which concentrators form the cohort and which test administration counts. "
        "(Demo figures: not real data.)"
    ): (
        "Competencia de los concentradores de CTE en los exigentes estándares académicos del "
        "estado en matemáticas, según la evaluación de escuela secundaria prevista en la "
        "sección 1111(b)(2) de la ESEA: porcentaje de concentradores evaluados que obtienen "
        "un resultado de competente o superior. El estado define qué concentradores forman "
        "la cohorte y qué aplicación de la prueba cuenta. (Cifras de demostración: no son "
        "datos reales.)"
    ),
    "2S2 Academic proficiency in mathematics of CTE concentrators (Perkins V)": (
        "2S2 Competencia académica en matemáticas de los concentradores de CTE (Perkins V)"
    ),
    (
        "CTE concentrator proficiency in the state's challenging academic standards for "
        "science, as measured by the high school assessment under ESEA sec. 1111(b)(2): the "
        "percentage of tested concentrators scoring proficient or above. The state defines "
        "which concentrators form the cohort and which test administration counts. (Demo "
        "figures: not real data.)"
    ): (
        "Competencia de los concentradores de CTE en los exigentes estándares académicos del "
        "estado en ciencias, según la evaluación de escuela secundaria prevista en la "
        "sección 1111(b)(2) de la ESEA: porcentaje de concentradores evaluados que obtienen "
        "un resultado de competente o superior. El estado define qué concentradores forman "
        "la cohorte y qué aplicación de la prueba cuenta. (Cifras de demostración: no son "
        "datos reales.)"
    ),
    "2S3 Academic proficiency in science of CTE concentrators (Perkins V)": (
        "2S3 Competencia académica en ciencias de los concentradores de CTE (Perkins V)"
    ),
    (
        "Percentage of CTE concentrators who, in the second quarter after exiting secondary "
        "education, are in postsecondary education or advanced training, military service, a "
        "service program under title I of the National and Community Service Act of 1990, "
        "the Peace Corps, or employment. States usually match wage records, National Student "
        "Clearinghouse and military data, sometimes with follow-up surveys. (Demo figures: "
        "not real data.)"
    ): (
        "Porcentaje de concentradores de CTE que, en el segundo trimestre después de "
        "terminar la educación secundaria, cursan educación postsecundaria o capacitación "
        "avanzada, prestan servicio militar, participan en un programa de servicio del "
        "título I de la Ley de Servicio Nacional y Comunitario de 1990 (National and "
        "Community Service Act of 1990) o en el Cuerpo de Paz, o tienen empleo. Los estados "
        "suelen cruzar registros salariales y datos del National Student Clearinghouse y de "
        "las fuerzas armadas, a veces con encuestas de seguimiento. (Cifras de demostración: "
        "no son datos reales.)"
    ),
    "3S1 Post-program placement of CTE concentrators (Perkins V)": (
        "3S1 Colocación posterior al programa de los concentradores de CTE (Perkins V)"
    ),
    (
        "Percentage of CTE concentrators in programs and programs of study leading to "
        "non-traditional fields (fields in which one gender makes up less than 25 percent of "
        "the people employed, Perkins V sec. 3(33)) who are of the under-represented gender. "
        "Not broken down by sex, because sex defines the numerator. (Demo figures: not real "
        "data.)"
    ): (
        "Porcentaje de concentradores de CTE en programas y programas de estudios que "
        "conducen a campos no tradicionales (campos en los que un género representa menos "
        "del 25 por ciento de las personas empleadas, sección 3(33) de Perkins V) que "
        "pertenecen al género subrepresentado. No se desglosa por sexo, porque el sexo "
        "define el numerador. (Cifras de demostración: no son datos reales.)"
    ),
    "4S1 Non-traditional program concentration (Perkins V)": (
        "4S1 Concentración en programas no tradicionales (Perkins V)"
    ),
    (
        "Percentage of CTE concentrators graduating from high school having attained a "
        "recognized postsecondary credential (as defined in WIOA sec. 3(52)), such as an "
        "industry-recognized certification or a license. One of the program-quality "
        "indicators of which each state reports at least one. (Demo figures: not real data.)"
    ): (
        "Porcentaje de concentradores de CTE que se gradúan de la escuela secundaria "
        "habiendo obtenido una credencial postsecundaria reconocida (según la definición de "
        "la sección 3(52) de WIOA), como una certificación reconocida por la industria o una "
        "licencia. Es uno de los indicadores de calidad del programa, de los cuales cada "
        "estado informa al menos uno. (Cifras de demostración: no son datos reales.)"
    ),
    "5S1 Program quality: recognized postsecondary credential (Perkins V)": (
        "5S1 Calidad del programa: credencial postsecundaria reconocida (Perkins V)"
    ),
    (
        "Percentage of CTE concentrators graduating from high school having attained "
        "postsecondary credits in the relevant CTE program or program of study through dual "
        "or concurrent enrollment or another credit transfer agreement. (Demo figures: not "
        "real data.)"
    ): (
        "Porcentaje de concentradores de CTE que se gradúan de la escuela secundaria "
        "habiendo obtenido créditos postsecundarios en el programa o programa de estudios de "
        "CTE correspondiente mediante inscripción doble o simultánea u otro acuerdo de "
        "transferencia de créditos. (Cifras de demostración: no son datos reales.)"
    ),
    "5S2 Program quality: postsecondary credits (Perkins V)": (
        "5S2 Calidad del programa: créditos postsecundarios (Perkins V)"
    ),
    (
        "Percentage of CTE concentrators graduating from high school having participated in "
        "work-based learning: sustained interactions with industry or community "
        "professionals in real workplace settings, or simulated environments at school, that "
        "foster first-hand engagement with the tasks of a career field and are aligned to "
        "curriculum and instruction (Perkins V sec. 3(55)). (Demo figures: not real data.)"
    ): (
        "Porcentaje de concentradores de CTE que se gradúan de la escuela secundaria "
        "habiendo participado en aprendizaje basado en el trabajo: interacciones continuas "
        "con profesionales de la industria o de la comunidad en lugares de trabajo reales, o "
        "en entornos simulados en la escuela, que fomentan la participación directa en las "
        "tareas de un campo profesional y están alineadas con el plan de estudios y la "
        "instrucción (sección 3(55) de Perkins V). (Cifras de demostración: no son datos "
        "reales.)"
    ),
    "5S3 Program quality: participated in work-based learning (Perkins V)": (
        "5S3 Calidad del programa: participación en aprendizaje basado en el trabajo (Perkins V)"
    ),
    (
        "Number of partnerships, on the last day of the quarter, that join organizations "
        "from at least two sectors (for example a school district and an employer) under a "
        "written agreement in force (MOU, articulation, data-sharing or work-based learning "
        "agreement) with at least one joint activity in the quarter. Each partnership is "
        "counted once, so the backbone counts it rather than each partner. (Demo figures: "
        "not real data.)"
    ): (
        "Número de alianzas que, el último día del trimestre, unen a organizaciones de al "
        "menos dos sectores (por ejemplo, un distrito escolar y un empleador) mediante un "
        "acuerdo escrito vigente (memorando de entendimiento [MOU], acuerdo de articulación, "
        "de intercambio de datos o de aprendizaje basado en el trabajo) con al menos una "
        "actividad conjunta en el trimestre. Cada alianza se cuenta una sola vez, por lo que "
        "la cuenta la organización coordinadora y no cada socio. (Cifras de demostración: no "
        "son datos reales.)"
    ),
    "Active cross-sector partnerships": "Alianzas intersectoriales activas",
    (
        "Percentage of participants enrolled in an education or training program (other than "
        "on-the-job or customized training) who attained a recognized postsecondary "
        "credential, or a secondary school diploma or its recognized equivalent, during "
        "participation or within one year after exit. A secondary diploma or equivalent "
        "counts only if the participant was also employed, or in education or training "
        "leading to a recognized postsecondary credential, within one year after exit. (Demo "
        "figures: not real data.)"
    ): (
        "Porcentaje de participantes inscritos en un programa de educación o capacitación "
        "(que no sea capacitación en el trabajo ni capacitación personalizada) que "
        "obtuvieron una credencial postsecundaria reconocida, o un diploma de escuela "
        "secundaria o su equivalente reconocido, durante su participación o dentro del año "
        "siguiente a su salida. Un diploma de secundaria o su equivalente solo cuenta si el "
        "participante también tenía empleo, o cursaba educación o capacitación conducente a "
        "una credencial postsecundaria reconocida, dentro del año siguiente a su salida. "
        "(Cifras de demostración: no son datos reales.)"
    ),
    "Credential attainment rate (WIOA)": "Tasa de obtención de credenciales (WIOA)",
    (
        "Percentage of 3rd-grade students scoring proficient or above on the state's English "
        "language arts/reading assessment. Proficiency is the state's cut score, so figures "
        "are comparable within a state, not across states. (Demo figures: not real data.)"
    ): (
        "Porcentaje de estudiantes de 3.er grado que obtienen un resultado de competente o "
        "superior en la evaluación estatal de lectura/artes del lenguaje en inglés. La "
        "competencia corresponde al puntaje de corte del estado, por lo que las cifras son "
        "comparables dentro de un estado, pero no entre estados. (Cifras de demostración: no "
        "son datos reales.)"
    ),
    "Early grade reading: 3rd-grade reading proficiency": (
        "Lectura en los primeros grados: competencia lectora en 3.er grado"
    ),
    (
        "The WIOA effectiveness-in-serving-employers indicator as defined by the 2024 final "
        "rule: of participants employed in the second quarter after exit, the percentage "
        "employed by the same employer in both the second and the fourth quarter after exit. "
        "The state reports one figure shared by all six WIOA core programs; the same "
        "employer means the same employer identifier (such as FEIN or state UI account) in "
        "both quarters. (Demo figures: not real data.)"
    ): (
        "El indicador de WIOA de eficacia en el servicio a los empleadores según la regla "
        "final de 2024: de los participantes con empleo en el segundo trimestre después de "
        "su salida, porcentaje que trabajaba para el mismo empleador tanto en el segundo "
        "como en el cuarto trimestre después de su salida. El estado informa una sola cifra "
        "compartida por los seis programas principales de WIOA; el mismo empleador significa "
        "el mismo identificador de empleador (como el FEIN o la cuenta estatal del seguro de "
        "desempleo) en ambos trimestres. (Cifras de demostración: no son datos reales.)"
    ),
    "Effectiveness in serving employers: retention with the same employer (WIOA)": (
        "Eficacia en el servicio a los empleadores: retención con el mismo empleador (WIOA)"
    ),
    (
        "One of the three pilot approaches to effectiveness in serving employers: the "
        "percentage of all establishments in the area that received a service from the core "
        "programs during the reporting period, with establishments as counted in the BLS "
        "Quarterly Census of Employment and Wages. Kept for local use; since the 2024 final "
        "rule the federal indicator is retention with the same employer. (Demo figures: not "
        "real data.)"
    ): (
        "Uno de los tres enfoques piloto de eficacia en el servicio a los empleadores: "
        "porcentaje de todos los establecimientos del área que recibieron un servicio de los "
        "programas principales durante el período del informe, contando los establecimientos "
        "como en el censo trimestral de empleo y salarios (QCEW) de la BLS. Se conserva para "
        "uso local; desde la regla final de 2024, el indicador federal es la retención con "
        "el mismo empleador. (Cifras de demostración: no son datos reales.)"
    ),
    "Employer penetration rate (WIOA employer pilot measure)": (
        "Tasa de penetración entre empleadores (medida piloto de WIOA para empleadores)"
    ),
    (
        "Number of distinct employers with at least one active work-based learning placement "
        "or agreement (internship, registered or pre-apprenticeship, clinical placement, "
        "co-op or paid work experience) for pathway learners on the last day of the quarter. "
        "Each employer is counted once across the region, so the backbone counts it rather "
        "than each school or provider. (Demo figures: not real data.)"
    ): (
        "Número de empleadores distintos con al menos una colocación o acuerdo activo de "
        "aprendizaje basado en el trabajo (pasantía, programa de aprendizaje registrado o de "
        "preaprendizaje, práctica clínica, programa cooperativo o experiencia laboral "
        "pagada) para estudiantes de las trayectorias el último día del trimestre. Cada "
        "empleador se cuenta una sola vez en toda la región, por lo que la cuenta la "
        "organización coordinadora y no cada escuela o proveedor. (Cifras de demostración: "
        "no son datos reales.)"
    ),
    "Employers offering work-based learning": (
        "Empleadores que ofrecen aprendizaje basado en el trabajo"
    ),
    (
        "Percentage of participants who exited and were in unsubsidized employment during "
        "the second quarter after the quarter of exit; for WIOA Youth, participants in "
        "education or training activities also count. Measured mainly from state "
        "unemployment-insurance wage records, for the lagged exit cohort the federal "
        "reporting schedule assigns to the program year. (Demo figures: not real data.)"
    ): (
        "Porcentaje de participantes que salieron del programa y tenían un empleo no "
        "subsidiado durante el segundo trimestre después del trimestre de salida; en el "
        "programa para jóvenes de WIOA también cuentan los participantes en actividades de "
        "educación o capacitación. Se mide principalmente con los registros salariales del "
        "seguro de desempleo del estado, para la cohorte de salida desfasada que el "
        "calendario federal de informes asigna al año del programa. (Cifras de demostración: "
        "no son datos reales.)"
    ),
    "Employment rate, 2nd quarter after exit (WIOA)": (
        "Tasa de empleo, 2.º trimestre después de la salida (WIOA)"
    ),
    (
        "Percentage of participants who exited and were in unsubsidized employment during "
        "the fourth quarter after the quarter of exit; for WIOA Youth, participants in "
        "education or training activities also count. Measured mainly from state "
        "unemployment-insurance wage records, for the lagged exit cohort the federal "
        "reporting schedule assigns to the program year. (Demo figures: not real data.)"
    ): (
        "Porcentaje de participantes que salieron del programa y tenían un empleo no "
        "subsidiado durante el cuarto trimestre después del trimestre de salida; en el "
        "programa para jóvenes de WIOA también cuentan los participantes en actividades de "
        "educación o capacitación. Se mide principalmente con los registros salariales del "
        "seguro de desempleo del estado, para la cohorte de salida desfasada que el "
        "calendario federal de informes asigna al año del programa. (Cifras de demostración: "
        "no son datos reales.)"
    ),
    "Employment rate, 4th quarter after exit (WIOA)": (
        "Tasa de empleo, 4.º trimestre después de la salida (WIOA)"
    ),
    (
        "Percentage of young people ages 16-24 who are working or enrolled in school; 100 "
        "minus this figure is the opportunity-youth (disconnected-youth) rate, those neither "
        "working nor in school. Estimated from the American Community Survey, so figures are "
        "sample estimates with margins of error. (Demo figures: not real data.)"
    ): (
        "Porcentaje de jóvenes de 16 a 24 años que trabajan o están inscritos en la escuela; "
        "100 menos esta cifra es la tasa de jóvenes desconectados (opportunity youth), es "
        "decir, los que ni trabajan ni estudian. Se estima con la Encuesta sobre la "
        "Comunidad Estadounidense (ACS), por lo que las cifras son estimaciones de muestra "
        "con márgenes de error. (Cifras de demostración: no son datos reales.)"
    ),
    "Employment: young people ages 16-24 working or in school": (
        "Empleo: jóvenes de 16 a 24 años que trabajan o estudian"
    ),
    (
        "Percentage of students in the four-year adjusted cohort who graduate with a regular "
        "high school diploma within four years, as defined in ESEA sec. 8101: first-time 9th "
        "graders plus transfers in, minus documented transfers out, emigrations and deaths. "
        "(Demo figures: not real data.)"
    ): (
        "Porcentaje de estudiantes de la cohorte ajustada de cuatro años que se gradúan con "
        "un diploma regular de escuela secundaria en un plazo de cuatro años, según la "
        "definición de la sección 8101 de la ESEA: estudiantes que ingresan por primera vez "
        "al 9.º grado más los que se transfieren a la escuela, menos los traslados "
        "documentados a otras escuelas, las emigraciones y los fallecimientos. (Cifras de "
        "demostración: no son datos reales.)"
    ),
    "High school graduation: four-year adjusted cohort graduation rate": (
        "Graduación de la escuela secundaria: tasa de graduación ajustada por cohorte de "
        "cuatro años"
    ),
    (
        "Percentage of entering kindergartners who meet the readiness benchmark on the "
        "state's (or district's) kindergarten entry assessment. Instruments and benchmarks "
        "differ by state, so keep one instrument and cut score over time and do not compare "
        "across states. (Demo figures: not real data.)"
    ): (
        "Porcentaje de niños que ingresan al kínder y alcanzan la referencia de preparación "
        "en la evaluación de ingreso al kínder del estado (o del distrito). Los instrumentos "
        "y las referencias varían según el estado, por lo que conviene mantener el mismo "
        "instrumento y el mismo puntaje de corte a lo largo del tiempo y no comparar entre "
        "estados. (Cifras de demostración: no son datos reales.)"
    ),
    "Kindergarten readiness": "Preparación para el kínder",
    (
        "Percentage of participants in an education or training program leading to a "
        "recognized postsecondary credential or employment who achieved at least one "
        "measurable skill gain during the program year: an educational functioning level "
        "gain, a secondary diploma or equivalent, a transcript or report card meeting "
        "academic standards, a satisfactory progress report toward training milestones (such "
        "as on-the-job training or a year of apprenticeship), or a passed occupational exam "
        "or documented technical-skill progress. Unlike the exit-based indicators, it counts "
        "participants while they are still enrolled. (Demo figures: not real data.)"
    ): (
        "Porcentaje de participantes en un programa de educación o capacitación conducente a "
        "una credencial postsecundaria reconocida o a un empleo que lograron al menos un "
        "avance medible de habilidades durante el año del programa: un avance de nivel de "
        "funcionamiento educativo, un diploma de secundaria o su equivalente, un expediente "
        "académico o boleta de calificaciones que cumpla los estándares académicos, un "
        "informe de progreso satisfactorio hacia las metas de la capacitación (como la "
        "capacitación en el trabajo o un año de programa de aprendizaje) o un examen "
        "ocupacional aprobado o un progreso documentado en habilidades técnicas. A "
        "diferencia de los indicadores basados en la salida, cuenta a los participantes "
        "mientras siguen inscritos. (Cifras de demostración: no son datos reales.)"
    ),
    "Measurable skill gains rate (WIOA)": "Tasa de avances medibles de habilidades (WIOA)",
    (
        "The median of quarterly earnings in the second quarter after exit among "
        "participants who exited and were in unsubsidized employment in that quarter. "
        "Because it is a median, it cannot be rolled up exactly across providers: the "
        "region's figure is the mean of provider medians weighted by each provider's number "
        "of employed exiters, and is labelled as an approximation. (Demo figures: not real "
        "data.)"
    ): (
        "La mediana de los ingresos trimestrales en el segundo trimestre después de la "
        "salida entre los participantes que salieron del programa y tenían un empleo no "
        "subsidiado en ese trimestre. Como es una mediana, no se puede consolidar con "
        "exactitud entre proveedores: la cifra de la región es el promedio de las medianas "
        "de los proveedores ponderado por el número de participantes de cada proveedor que "
        "salieron y tienen empleo, y se indica como una aproximación. (Cifras de "
        "demostración: no son datos reales.)"
    ),
    "Median earnings, 2nd quarter after exit (WIOA)": (
        "Ingresos medianos, 2.º trimestre después de la salida (WIOA)"
    ),
    (
        "Percentage of 8th-grade students scoring proficient or above on the state's "
        "mathematics assessment. Eighth graders who take an end-of-course test (such as "
        "Algebra I) instead of the grade-8 test are counted as the state's rules provide. "
        "(Demo figures: not real data.)"
    ): (
        "Porcentaje de estudiantes de 8.º grado que obtienen un resultado de competente o "
        "superior en la evaluación estatal de matemáticas. Los estudiantes de 8.º grado que "
        "presentan un examen de fin de curso (como Álgebra I) en lugar del examen de 8.º "
        "grado se cuentan según lo dispongan las reglas del estado. (Cifras de demostración: "
        "no son datos reales.)"
    ),
    "Middle grade math: 8th-grade math proficiency": (
        "Matemáticas en la escuela intermedia: competencia en matemáticas en 8.º grado"
    ),
    (
        "Percentage of partners expected to report in the quarter whose report was submitted "
        "by the due date. Computed by the backbone from submission records. (Demo figures: "
        "not real data.)"
    ): (
        "Porcentaje de los socios que debían informar en el trimestre cuyo informe se envió "
        "a más tardar en la fecha de vencimiento. Lo calcula la organización coordinadora a "
        "partir de los registros de envío. (Cifras de demostración: no son datos reales.)"
    ),
    "Partners reporting on time": "Socios que presentan sus informes a tiempo",
    (
        "Percentage of the partnership's pathway programs (CTE programs of study and "
        "workforce training programs on the pathway maps) with at least one employer on an "
        "advisory committee that met during the school year. (Demo figures: not real data.)"
    ): (
        "Porcentaje de los programas de las trayectorias de la alianza (programas de "
        "estudios de CTE y programas de capacitación laboral que figuran en los mapas de "
        "trayectorias) con al menos un empleador en un comité asesor que se reunió durante "
        "el año escolar. (Cifras de demostración: no son datos reales.)"
    ),
    "Pathway programs with an active employer advisory partner": (
        "Programas de las trayectorias con un empleador activo como socio asesor"
    ),
    (
        "Percentage of a high school graduating class that earns a postsecondary certificate "
        "or degree within six years of high school graduation, usually measured with "
        "National Student Clearinghouse data (which does not capture industry "
        "certifications). Reported in the school year the six-year window closes (SY 2024-25 "
        "reports the class of 2019). (Demo figures: not real data.)"
    ): (
        "Porcentaje de una promoción de graduados de escuela secundaria que obtiene un "
        "certificado o título postsecundario dentro de los seis años posteriores a su "
        "graduación, medido por lo general con datos del National Student Clearinghouse (que "
        "no registran las certificaciones de la industria). Se informa en el año escolar en "
        "que se cierra el período de seis años (el SY 2024-25 informa sobre la promoción de "
        "2019). (Cifras de demostración: no son datos reales.)"
    ),
    "Postsecondary completion within six years of high school graduation": (
        "Finalización de estudios postsecundarios dentro de los seis años posteriores a la "
        "graduación de la escuela secundaria"
    ),
    (
        "Percentage of a high school graduating class enrolled at a two- or four-year "
        "postsecondary institution (in any state) in the fall immediately after graduation, "
        "usually measured with National Student Clearinghouse data. Reported in the school "
        "year after graduation (SY 2024-25 reports the class of 2024). (Demo figures: not "
        "real data.)"
    ): (
        "Porcentaje de una promoción de graduados de escuela secundaria inscrita en una "
        "institución postsecundaria de dos o cuatro años (en cualquier estado) en el otoño "
        "inmediatamente posterior a la graduación, medido por lo general con datos del "
        "National Student Clearinghouse. Se informa en el año escolar posterior a la "
        "graduación (el SY 2024-25 informa sobre la promoción de 2024). (Cifras de "
        "demostración: no son datos reales.)"
    ),
    "Postsecondary enrollment: fall after high school graduation": (
        "Inscripción postsecundaria: el otoño posterior a la graduación de la escuela secundaria"
    ),
    (
        "One of the three pilot approaches to effectiveness in serving employers: of the "
        "establishments the core programs served in the previous three years, the percentage "
        "that received a service again in the reporting period. Kept for local use; since "
        "the 2024 final rule the federal indicator is retention with the same employer. "
        "(Demo figures: not real data.)"
    ): (
        "Uno de los tres enfoques piloto de eficacia en el servicio a los empleadores: de "
        "los establecimientos que los programas principales atendieron en los tres años "
        "anteriores, porcentaje que volvió a recibir un servicio en el período del informe. "
        "Se conserva para uso local; desde la regla final de 2024, el indicador federal es "
        "la retención con el mismo empleador. (Cifras de demostración: no son datos reales.)"
    ),
    "Repeat business customers (WIOA employer pilot measure)": (
        "Empresas que vuelven a solicitar servicios (medida piloto de WIOA para empleadores)"
    ),
    "Information Security Analysts": "Analistas de seguridad de la información",
    "Computer Network Support Specialists": "Especialistas en soporte de redes informáticas",
    "Computer User Support Specialists": (
        "Especialistas en soporte técnico para usuarios de computadoras"
    ),
    "Software Developers": "Desarrolladores de software",
    "Biological Scientists, All Other": "Otros científicos biológicos",
    "Biological Technicians": "Técnicos en biología",
    "Chemical Technicians": "Técnicos en química",
    "Registered Nurses": "Enfermeros registrados (RN)",
    "Licensed Practical and Licensed Vocational Nurses": (
        "Enfermeros prácticos con licencia y enfermeros vocacionales con licencia (LPN/LVN)"
    ),
    "Nursing Assistants": "Asistentes de enfermería",
    "First-Line Supervisors of Production and Operating Workers": (
        "Supervisores de primera línea de trabajadores de producción y operación"
    ),
    "Machinists": "Maquinistas",
    "Chemical Equipment Operators and Tenders": "Operadores y encargados de equipos químicos",
    "Computer Numerically Controlled Tool Operators": (
        "Operadores de herramientas de control numérico computarizado (CNC)"
    ),
}

# Breakdowns and their categories (demo/region.py); county names are the same in Spanish.
SPANISH |= {
    "Race/ethnicity": "Raza/origen étnico",
    "Sex": "Sexo",
    "Age band": "Grupo de edad",
    "County": "Condado",
    "Economic disadvantage": "Desventaja económica",
    "Disability": "Discapacidad",
    "English learner": "Estudiante de inglés",
    "Pathway": "Trayectoria",
    "American Indian or Alaska Native": "Indígena americano o nativo de Alaska",
    "Asian": "Asiático",
    "Black or African American": "Negro o afroamericano",
    "Hispanic or Latino": "Hispano o latino",
    "Native Hawaiian or Other Pacific Islander": "Nativo de Hawái u otra isla del Pacífico",
    "White": "Blanco",
    "Two or more races": "Dos o más razas",
    "Female": "Femenino",
    "Male": "Masculino",
    "14–18": "14–18",
    "19–24": "19–24",
    "25–44": "25–44",
    "45 and over": "45 o más",
    "Durham": "Durham",
    "Orange": "Orange",
    "Person": "Person",
    "Granville": "Granville",
    "Alamance": "Alamance",
    "Economically disadvantaged": "En desventaja económica",
    "Not economically disadvantaged": "Sin desventaja económica",
    "With a disability": "Con discapacidad",
    "Without a disability": "Sin discapacidad",
    "Not an English learner": "No es estudiante de inglés",
}
